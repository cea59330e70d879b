// What a paper is once it has been read from any input format. Plain data: no I/O.

/** Where a paper came from, so every warning and every fact can point back at it. */
export interface SourceRef {
  readonly file: string;
  /** 1-based line of the paper's first line (its title for seed pages, its record for JSONL). */
  readonly line: number;
}

/**
 * A paper's identifiers in the systems that name papers, normalised (see src/domain/identity.ts):
 * arXiv id without version ("2307.08691"), DOI in lower case ("10.48550/arxiv.2307.08691"),
 * Semantic Scholar paperId (40 hex digits), OpenAlex work ("W4385245566"). A record that shares any
 * of them, or its title key, with a paper is that paper.
 */
export interface PaperIds {
  readonly arxiv?: string;
  readonly doi?: string;
  readonly s2?: string;
  readonly openalex?: string;
}

/** The kinds of source a paper is read from: four upstream systems, and pages (seed pages, text sent to the API). */
export const SOURCE_KINDS = ["arxiv", "s2", "openalex", "hf", "page"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * Which source a record is: its kind and its id there (the upstream id of the record, or for a page
 * the file's absolute path, src/ingest/parse pageSource). Re-ingesting a source replaces only what that source said before.
 */
export interface Origin {
  readonly kind: SourceKind;
  readonly id: string;
}

/**
 * A cited paper as the citing record names it. A reference with a title is keyed by paperId(title),
 * like the paper itself; one with only upstream ids (OpenAlex gives only ids) by stubId of its first
 * id until the paper itself is ingested. Either way its identifiers find the paper when it exists.
 */
export interface PaperRef {
  /** paperId(title) when the title is known, else stubId(...) of an upstream id. */
  readonly id: string;
  readonly title?: string;
  readonly ids?: PaperIds;
}

export interface Paper {
  /** Stable id derived from the normalised title (see paperId). */
  readonly id: string;
  readonly title: string;
  /**
   * The title as the input wrote it (white space folded), only when reading it changed more than
   * white space (an entity or a LaTeX accent decoded: "T\\"ulu 3" is stored as "Tülu 3"). The
   * extraction contract answers with it: scorers pair papers with their annotations by the title as
   * written.
   */
  readonly titleAsWritten?: string;
  readonly abstract: string;
  /** ISO date (YYYY-MM-DD) or, for seed pages without a year, the listing label such as "Mar 17". */
  readonly listingDate: string | null;
  readonly source: SourceRef;
  /** Papers this one cites explicitly (formats that carry references). */
  readonly references?: readonly PaperRef[];
  readonly authors?: readonly string[];
  readonly categories?: readonly string[];
  /** Identifiers in upstream systems, when the record gives them. */
  readonly ids?: PaperIds;
  /** Which source this record is; absent for hand-made papers (a page named by the source file). */
  readonly origin?: Origin;
  /** Journal or conference, when the source names one. */
  readonly venue?: string;
}

/**
 * Extraction reads the first MAX_ABSTRACT_CHARS characters of an abstract, cut at a sentence end.
 * Real abstracts are far shorter (the seed's longest is under 2,000); the cap keeps one pathological
 * record (a whole paper pasted as its abstract) from stalling a run and from filling the graph with
 * its facts. Extraction time is linear in the text read (test/unit/extract/scaling.test.ts): without
 * the cap, 190 KB of concatenated abstracts took 0.5 s and 770 KB 1.3 s (2026-12-07). Parsing warns
 * when the cap applies.
 */
export const MAX_ABSTRACT_CHARS = 20_000;
