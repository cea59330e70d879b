// Writes batches of extracted papers: one transaction per batch, every statement an idempotent
// UNWIND ... MERGE, so a batch either lands whole or not at all and can be replayed safely.
import type { Facts } from "../../domain";
import { run, type Db } from "../../graph/db";
import { toRows, type PaperEdgeType } from "./rows";
import type { StatementName } from "../../graph/statements";

export interface BatchItem {
  readonly facts: Facts;
  readonly textHash: string;
}

export interface BatchResult {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly entitiesRemoved: number;
}

const EDGE_STATEMENT: { readonly [T in PaperEdgeType]: StatementName } = {
  INTRODUCES: "write/merge-introduces",
  USES: "write/merge-uses",
  COMPARES_TO: "write/merge-compares-to",
  EVALUATED_ON: "write/merge-evaluated-on",
};

interface PaperState { id: string; textHash: string | null; extractorVersion: string | null; stub: boolean }

export async function writeBatch(db: Db, items: readonly BatchItem[]): Promise<BatchResult> {
  if (items.length === 0) return { created: 0, updated: 0, unchanged: 0, entitiesRemoved: 0 };
  return db.writeTx(async (tx) => {
    const states = new Map(
      (await run<PaperState>(tx, "write/read-paper-state", { ids: items.map((i) => i.facts.paper.id) })).map((s) => [s.id, s]),
    );
    const changed: BatchItem[] = [];
    let created = 0, updated = 0, unchanged = 0;
    for (const item of items) {
      const s = states.get(item.facts.paper.id);
      if (!s || s.stub) created++;
      else if (s.textHash === item.textHash && s.extractorVersion === item.facts.extractorVersion) {
        unchanged++;
        continue;
      } else updated++;
      changed.push(item);
    }
    if (changed.length === 0) return { created, updated, unchanged, entitiesRemoved: 0 };

    const ids = changed.map((i) => i.facts.paper.id);
    const touched = (await run<{ entityId: string }>(tx, "write/delete-paper-facts", { ids })).map((r) => r.entityId);
    const rows = toRows(changed);
    await run(tx, "write/merge-papers", { rows: rows.papers });
    await run(tx, "write/merge-entities", { rows: rows.entities });
    for (const type of Object.keys(EDGE_STATEMENT) as PaperEdgeType[]) {
      if (rows.paperEdges[type].length) await run(tx, EDGE_STATEMENT[type], { rows: rows.paperEdges[type] });
    }
    if (rows.lineage.length) await run(tx, "write/merge-builds-on", { rows: rows.lineage });
    const removed = touched.length ? await run<{ deleted: number }>(tx, "write/delete-orphan-entities", { ids: touched }) : [];
    await run(tx, "write/infer-citations", { ids });
    return { created, updated, unchanged, entitiesRemoved: removed[0]?.deleted ?? 0 };
  });
}
