// Writes batches of extracted papers: every statement an idempotent UNWIND ... MERGE, so a batch
// lands whole or not at all and can be replayed safely (Db.writeTx replays it after a deadlock).
// A paper whose stored textHash and extractorVersion match is skipped; a changed one has its old
// facts, authorship and references deleted before the new ones are written, so nothing stale stays.
//
// Two transactions per batch, so that concurrent writers (shard processes, the ingest mutation)
// seldom deadlock (Db.writeTx retries when they do) and never miss each other's papers:
//   1. the facts: the batch's papers first, then its entities, edges, authors and categories, each
//      list in the order of the node it locks (rows.ts), so writers queue on shared nodes in one
//      order; entities that exist unchanged are not locked at all (write/merge-entities);
//   2. what is derived from other papers' facts too: inferred citations and the Notable label
//      (a count of mentions), once 1 is committed. In one transaction, two concurrent batches could
//      not see each other's uncommitted facts and both missed what needs the two together; now
//      whichever derives second sees both. 1 marks its papers derivedPending and 2 clears the mark;
//      a crash between them leaves it, and the next run that sees it derives them then, so the
//      graph still ends as that of an uninterrupted run.
import type { Facts } from "../../domain";
import { run, runCounted, type Db, type Tx, type WriteCounts } from "../../graph/db";
import { toRows, type PaperEdgeType } from "./rows";
import type { StatementName } from "../../graph/statements";
import { TransientWriteError } from "../../graph/errors";

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

interface PaperState { id: string; textHash: string | null; extractorVersion: string | null; stub: boolean; derivedPending: boolean }

const NOTHING: BatchResult = {
  created: 0, updated: 0, unchanged: 0, entitiesRemoved: 0, entitiesCreated: 0, nodesCreated: 0, relationshipsCreated: 0, relationshipsDeleted: 0,
};

/**
 * A batch that concurrent writers kept conflicting with after every retry (a TransientWriteError):
 * either nothing of it was written ("facts"), or its facts were and what is derived from them not yet
 * ("derived", with what was written). Running the same input again completes it either way.
 */
export class BatchNotWrittenError extends Error {
  override readonly name = "BatchNotWrittenError";
  constructor(readonly stage: "facts" | "derived", readonly written: BatchResult | null, override readonly cause: TransientWriteError) {
    super(cause.message, { cause });
  }
}

/**
 * Writes one batch. `now` is when it is written: new papers and entities are stamped with it
 * (addedAt), which is what "changes since" and feeds read; papers already stored keep theirs.
 */
export async function writeBatch(db: Db, items: readonly BatchItem[], now: Date = new Date()): Promise<BatchResult> {
  if (items.length === 0) return NOTHING;
  const label = `batch ${batchRange(items)}`;
  const facts = await db.writeTx((tx) => writeFacts(tx, items, now.toISOString()), { label }).catch((err: unknown) => {
    throw err instanceof TransientWriteError ? new BatchNotWrittenError("facts", null, err) : err;
  });
  if (facts.pending.length === 0) return facts.result;
  const cites = await db.writeTx(async (tx) => {
    // Own papers first, other papers (citations) next, entities last: the order of transaction 1.
    await run(tx, "write/settle-papers", { ids: facts.pending });
    const r = await runCounted(tx, "write/infer-citations", { ids: facts.pending });
    await run(tx, "write/mark-notable", { ids: facts.entities });
    return r.counts.relationshipsCreated;
  }, { label: `derived data of ${label}` }).catch((err: unknown) => {
    throw err instanceof TransientWriteError ? new BatchNotWrittenError("derived", facts.result, err) : err;
  });
  return { ...facts.result, relationshipsCreated: facts.result.relationshipsCreated + cites };
}

/** Where a batch's papers came from, for log lines and errors: "a.jsonl:1-500" or "a.jsonl:90-99, b.txt:1-7". */
export function batchRange(items: readonly BatchItem[]): string {
  const files = new Map<string, [number, number]>();
  for (const { facts } of items) {
    const { file, line } = facts.paper.source;
    const r = files.get(file);
    files.set(file, r ? [Math.min(r[0], line), Math.max(r[1], line)] : [line, line]);
  }
  return [...files].map(([file, [a, b]]) => `${file}:${a === b ? a : `${a}-${b}`}`).join(", ");
}

/**
 * Transaction 1: the batch's papers and facts. Returns the counts, the papers that need step 2 and
 * the entities whose Notable label step 2 re-checks (those the papers mention, and those that lost
 * a mention when a changed paper's old facts went).
 */
async function writeFacts(tx: Tx, items: readonly BatchItem[], now: string): Promise<{ result: BatchResult; pending: string[]; entities: string[] }> {
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
  const pending: BatchItem[] = [];
  let created = 0, updated = 0, unchanged = 0;
  for (const item of items) {
    const s = states.get(item.facts.paper.id);
    if (!s || s.stub) created++;
    else if (s.textHash === item.textHash && s.extractorVersion === item.facts.extractorVersion) {
      unchanged++;
      if (s.derivedPending) pending.push(item);
      continue;
    } else updated++;
    if (s) replaced.push(s.id);
    changed.push(item);
  }
  if (changed.length === 0) return { result: { ...NOTHING, unchanged }, ...derivedOf(pending, []) };

  const rows = toRows(changed);
  // Papers first (sorted), so this transaction locks them before any entity, as every writer does.
  await exec("write/merge-papers", { rows: rows.papers, now });
  // Only papers already in the graph can have old facts; new ones skip the deletes.
  const touched = replaced.length ? (await exec<{ entityId: string }>("write/delete-paper-facts", { ids: replaced.sort() })).rows.map((r) => r.entityId) : [];
  if (replaced.length) await exec("write/delete-paper-metadata", { ids: replaced });
  const withExternal = rows.papers.filter((p) => p.externalId !== null).map((p) => ({ id: p.id, externalId: p.externalId }));
  // A batch without stubs to fill (the usual case) skips fill-stubs: its locking reads of every paper
  // were about a fifth of a batch's time, for nothing.
  const stubbed = withExternal.length ? (await exec<{ id: string; externalId: string }>("write/find-stubs", { rows: withExternal })).rows : [];
  if (stubbed.length) await exec("write/fill-stubs", { rows: stubbed });
  const entities = await exec("write/merge-entities", { rows: rows.entities, now });
  for (const type of Object.keys(EDGE_STATEMENT) as PaperEdgeType[]) {
    if (rows.paperEdges[type].length) await exec(EDGE_STATEMENT[type], { rows: rows.paperEdges[type] });
  }
  if (rows.lineage.length) await exec("write/merge-builds-on", { rows: rows.lineage });
  if (rows.cites.length) await exec("write/merge-cites", { rows: rows.cites });
  if (rows.authors.length) await exec("write/merge-authors", { rows: rows.authors });
  if (rows.categories.length) await exec("write/merge-categories", { rows: rows.categories });
  // Derived edges, not facts: the report counts what was extracted, so these stay out of its counts.
  if (rows.mentions.length) await run(tx, "write/merge-mentions", { rows: rows.mentions });
  const removed = touched.length ? (await exec<{ deleted: number }>("write/delete-orphan-entities", { ids: touched.sort() })).rows : [];
  return {
    result: {
      created, updated, unchanged,
      entitiesRemoved: removed[0]?.deleted ?? 0,
      entitiesCreated: entities.counts.nodesCreated,
      nodesCreated: total.nodesCreated,
      relationshipsCreated: total.relationshipsCreated,
      relationshipsDeleted: total.relationshipsDeleted,
    },
    ...derivedOf([...pending, ...changed], touched),
  };
}

function derivedOf(items: readonly BatchItem[], touched: readonly string[]): { pending: string[]; entities: string[] } {
  const rows = toRows(items);
  return {
    pending: rows.papers.map((p) => p.id),
    entities: [...new Set([...rows.entities.map((e) => e.id), ...touched])].sort(),
  };
}
