// Writes batches of extracted papers: one transaction per batch, every statement an idempotent
// UNWIND ... MERGE, so a batch either lands whole or not at all and can be replayed safely.
// A paper whose stored textHash and extractorVersion match is skipped; a changed one has its old
// facts, authorship and references deleted before the new ones are written, so nothing stale stays.
import type { Facts } from "../../domain";
import { run, runCounted, type Db, type WriteCounts } from "../../graph/db";
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
  readonly entitiesCreated: number;
  readonly nodesCreated: number;
  readonly relationshipsCreated: number;
  readonly relationshipsDeleted: number;
}

const EDGE_STATEMENT: { readonly [T in PaperEdgeType]: StatementName } = {
  INTRODUCES: "write/merge-introduces",
  USES: "write/merge-uses",
  COMPARES_TO: "write/merge-compares-to",
  EVALUATED_ON: "write/merge-evaluated-on",
};

interface PaperState { id: string; textHash: string | null; extractorVersion: string | null; stub: boolean }

const NOTHING: BatchResult = {
  created: 0, updated: 0, unchanged: 0, entitiesRemoved: 0, entitiesCreated: 0, nodesCreated: 0, relationshipsCreated: 0, relationshipsDeleted: 0,
};

export async function writeBatch(db: Db, items: readonly BatchItem[]): Promise<BatchResult> {
  if (items.length === 0) return NOTHING;
  return db.writeTx(async (tx) => {
    const total: WriteCounts = { nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0 };
    const exec = async <T>(name: StatementName, params: Record<string, unknown>): Promise<{ rows: T[]; counts: WriteCounts }> => {
      const r = await runCounted<T>(tx, name, params);
      for (const k of Object.keys(total) as (keyof WriteCounts)[]) total[k] += r.counts[k];
      return r;
    };
    const states = new Map(
      (await exec<PaperState>("write/read-paper-state", { ids: items.map((i) => i.facts.paper.id) })).rows.map((s) => [s.id, s]),
    );
    const changed: BatchItem[] = [];
    const replaced: string[] = [];
    let created = 0, updated = 0, unchanged = 0;
    for (const item of items) {
      const s = states.get(item.facts.paper.id);
      if (!s || s.stub) created++;
      else if (s.textHash === item.textHash && s.extractorVersion === item.facts.extractorVersion) {
        unchanged++;
        continue;
      } else updated++;
      if (s) replaced.push(s.id);
      changed.push(item);
    }
    if (changed.length === 0) return { ...NOTHING, unchanged };

    const ids = changed.map((i) => i.facts.paper.id);
    // Only papers already in the graph can have old facts; new ones skip the deletes.
    const touched = replaced.length ? (await exec<{ entityId: string }>("write/delete-paper-facts", { ids: replaced })).rows.map((r) => r.entityId) : [];
    if (replaced.length) await exec("write/delete-paper-metadata", { ids: replaced });
    const rows = toRows(changed);
    await exec("write/merge-papers", { rows: rows.papers });
    const withExternal = rows.papers.filter((p) => p.externalId !== null).map((p) => ({ id: p.id, externalId: p.externalId }));
    if (withExternal.length) await exec("write/fill-stubs", { rows: withExternal });
    const entities = await exec("write/merge-entities", { rows: rows.entities });
    for (const type of Object.keys(EDGE_STATEMENT) as PaperEdgeType[]) {
      if (rows.paperEdges[type].length) await exec(EDGE_STATEMENT[type], { rows: rows.paperEdges[type] });
    }
    if (rows.lineage.length) await exec("write/merge-builds-on", { rows: rows.lineage });
    if (rows.cites.length) await exec("write/merge-cites", { rows: rows.cites });
    if (rows.authors.length) await exec("write/merge-authors", { rows: rows.authors });
    if (rows.categories.length) await exec("write/merge-categories", { rows: rows.categories });
    // Derived edges, not facts: the report counts what was extracted, so these stay out of its counts.
    if (rows.mentions.length) await run(tx, "write/merge-mentions", { rows: rows.mentions });
    const removed = touched.length ? (await exec<{ deleted: number }>("write/delete-orphan-entities", { ids: touched })).rows : [];
    await run(tx, "write/mark-notable", { ids: [...new Set([...rows.entities.map((e) => e.id), ...touched])] });
    await exec("write/infer-citations", { ids });
    return {
      created, updated, unchanged,
      entitiesRemoved: removed[0]?.deleted ?? 0,
      entitiesCreated: entities.counts.nodesCreated,
      nodesCreated: total.nodesCreated,
      relationshipsCreated: total.relationshipsCreated,
      relationshipsDeleted: total.relationshipsDeleted,
    };
  });
}
