// What a paper is once it has been read from any input format. Plain data: no I/O.

/** Where a paper came from, so every warning and every fact can point back at it. */
export interface SourceRef {
  readonly file: string;
  /** 1-based line of the paper's first line (its title for seed pages, its record for JSONL). */
  readonly line: number;
}

export interface Paper {
  /** Stable id derived from the normalised title (see paperId). */
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  /** ISO date (YYYY-MM-DD) or, for seed pages without a year, the listing label such as "Mar 17". */
  readonly listingDate: string | null;
  readonly source: SourceRef;
  /** Ids of papers this one cites explicitly (formats that carry references). */
  readonly references?: readonly string[];
  readonly authors?: readonly string[];
  readonly categories?: readonly string[];
  /** Id in the upstream system (arXiv id, Semantic Scholar paperId, OpenAlex id), when known. */
  readonly externalId?: string;
}
