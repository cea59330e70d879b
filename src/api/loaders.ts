// Per-request DataLoaders: nested fields batch into one statement per level, never one per parent.
import DataLoader from "dataloader";
import type { Db } from "../graph/db";
import type { EntityRecord, PaperFactRow, PaperRecord } from "./model";

export interface Loaders {
  readonly paper: DataLoader<string, PaperRecord | null>;
  readonly paperFacts: DataLoader<string, PaperFactRow[]>;
  readonly entityPapers: DataLoader<string, PaperRecord[]>;
}

export function createLoaders(db: Db, timeoutMs: number): Loaders {
  return {
    paper: new DataLoader(async (ids) => {
      const rows = await db.read<{ paper: PaperRecord }>("read/paper-by-id", { ids: [...ids] }, timeoutMs);
      const byId = new Map(rows.map((r) => [r.paper.id, r.paper]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    paperFacts: new DataLoader(async (ids) => {
      const rows = await db.read<PaperFactRow>("read/paper-entities", { ids: [...ids] }, timeoutMs);
      return ids.map((id) => rows.filter((r) => r.id === id).sort(byConfidenceThenName));
    }),
    entityPapers: new DataLoader(async (ids) => {
      const rows = await db.read<{ id: string; papers: PaperRecord[] }>("read/entity-papers", { ids: [...ids] }, timeoutMs);
      const byId = new Map(rows.map((r) => [r.id, r.papers]));
      return ids.map((id) => byId.get(id) ?? []);
    }),
  };
}

function byConfidenceThenName(a: PaperFactRow, b: PaperFactRow): number {
  return (b.confidence ?? 0) - (a.confidence ?? 0) || a.entity.name.localeCompare(b.entity.name);
}

export type { EntityRecord };
