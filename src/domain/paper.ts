// What a paper is once it has been read from any input format. Plain data: no I/O.

/** Where a paper came from, so every warning and every fact can point back at it. */
export interface SourceRef {
  readonly file: string;
  /** 1-based line of the paper's first line (its title for seed pages, its record for JSONL). */
  readonly line: number;
}

/**
 * A cited paper as the citing record names it. Papers are keyed by paperId(title) in every format, so
 * the same paper read from arXiv, Semantic Scholar and OpenAlex is one node; a reference without a
 * title (OpenAlex gives only ids) is keyed by stubId(externalId) until the paper itself is ingested.
 */
export interface PaperRef {
  /** paperId(title) when the title is known, else stubId(externalId). */
  readonly id: string;
  readonly title?: string;
  /** "arxiv:2401.00001", "s2:<paperId>" or "openalex:W123". */
  readonly externalId?: string;
}

export interface Paper {
  /** Stable id derived from the normalised title (see paperId). */
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  /** ISO date (YYYY-MM-DD) or, for seed pages without a year, the listing label such as "Mar 17". */
  readonly listingDate: string | null;
  readonly source: SourceRef;
  /** Papers this one cites explicitly (formats that carry references). */
  readonly references?: readonly PaperRef[];
  readonly authors?: readonly string[];
  readonly categories?: readonly string[];
  /** Id in the upstream system, prefixed by its namespace ("arxiv:", "s2:", "openalex:"), when known. */
  readonly externalId?: string;
}

/**
 * Extraction reads the first MAX_ABSTRACT_CHARS characters of an abstract, cut at a sentence end.
 * Real abstracts are far shorter (the seed's longest is under 2,000); the cap keeps one pathological
 * record (a whole paper pasted as its abstract) from stalling a run, since analysis time grows faster
 * than linearly with text length (200 KB took 3 s, 800 KB 35 s). Parsing warns when it applies.
 */
export const MAX_ABSTRACT_CHARS = 20_000;
