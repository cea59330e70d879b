// Plain shapes the resolvers pass around (what the read statements return).
import type { EntityKind } from "../domain";

export interface PaperRecord {
  id: string;
  title: string;
  abstract: string;
  listingDate: string | null;
  sourceFile?: string;
  sourceLine?: number;
  stub?: boolean;
}

export interface EntityRecord {
  id: string;
  name: string;
  kind: EntityKind;
  key: string;
  aliases: string[] | null;
}

export interface EdgeRecord {
  paper: string;
  sentence: string;
  rule: string | null;
  confidence: number | null;
  field?: string | null;
  start?: number | null;
  end?: number | null;
  claim?: string | null;
}

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

export interface LineageRow {
  entity: EntityRecord;
  depth: number;
  evidence: EdgeRecord[];
}
