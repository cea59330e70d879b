// Plain shapes the resolvers pass around (what the read statements return).
import type { EntityKind } from "../domain";
import type { EvidenceRow } from "../export/neighbourhood";
import type { LineageHit } from "../graph/lineage";

export interface PaperRecord {
  id: string;
  title: string;
  abstract: string;
  listingDate: string | null;
  sourceFile?: string;
  sourceLine?: number;
  stub?: boolean;
}

/** What read/paper-metadata returns of a paper: what its sources say besides its text. */
export interface PaperMetadata {
  sources: string[];
  /** In byline order. */
  authors: string[];
  categories: string[];
  venue: string | null;
  arxivId: string | null;
  doi: string | null;
  s2Id: string | null;
  openalexId: string | null;
}

/** The fields of a paper that read/paper-brief returns. */
export type PaperBrief = Pick<PaperRecord, "id" | "title" | "listingDate">;

export interface EntityRecord {
  id: string;
  name: string;
  kind: EntityKind;
  key: string;
  aliases: string[] | null;
}

/** An edge's evidence as the read statements return it. */
export type EdgeRecord = EvidenceRow;

export interface PaperFactRow {
  id: string;
  type: string;
  fact: string;
  entity: EntityRecord;
  confidence: number | null;
}

export interface TimelinePoint {
  date: string;
  papers: number;
}

export interface RelatedRow {
  paper: PaperRecord;
  score: number;
  shared: EntityRecord[];
}

/** One entity of a lineage walk: its depth and the evidence of the hop that reached it. */
export type LineageRow = LineageHit<EntityRecord, EdgeRecord>;
