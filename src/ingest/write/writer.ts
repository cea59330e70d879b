// Writes batches of extracted papers: every statement an idempotent UNWIND ... MERGE, so a batch
// lands whole or not at all and can be replayed safely (Db.writeTx replays it after a deadlock).
// Each record is first matched to the paper it is (write/papers.ts: identifiers and title key) and
// added to that paper's sources; a paper whose sources say what they said before, and whose facts
// come from its best text by this extractor version, is skipped. Otherwise its explicit metadata is
// rebuilt from the union of its sources (no source erases another's), and its facts are rewritten
// when the text they come from, or the extractor, changed.
//
// Two transactions per batch, so that concurrent writers (shard processes, the ingest mutation)
// seldom deadlock (Db.writeTx retries when they do) and never miss each other's papers. Each takes
// the corrections' lock (write/curation-lock) before it writes anything, as a correction does
// (src/curation): corrections lock papers and entities in whatever order their edges lead, so a
// batch that held a paper while a correction held another could each wait for the other's:
//   1. the facts: the batch's papers first, then its entities, edges, authors and categories, each
//      list in the order of the node it locks (rows.ts), so writers queue on shared nodes in one
//      order; entities that exist unchanged are not locked at all (write/merge-entities);
//   2. what is derived from other papers' facts too: inferred citations and the Notable label
//      (a count of mentions), once 1 is committed. In one transaction, two concurrent batches could
//      not see each other's uncommitted facts and both missed what needs the two together; now
//      whichever derives second sees both. 1 marks its papers derivedPending and 2 clears the mark;
//      a crash between them leaves it, and the next run that sees it derives them then, so the
//      graph still ends as that of an uninterrupted run.
import type { Facts, Paper } from "../../domain";
import { run, runCounted, type Db, type Tx, type WriteCounts } from "../../graph/db";
import { toRows, type PaperEdgeType } from "./rows";
import { applyCurations, type ActiveCuration } from "./curate";
import { identityRow, metadataRows, planPapers, type PlannedPaper, type StoredPaper } from "./papers";
import type { StatementName } from "../../graph/statements";
import { StalePlanError, TransientWriteError } from "../../graph/errors";

/** One record of the batch with the facts extracted from its text. */
export interface BatchItem {
  readonly facts: Facts;
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
  /**
   * Papers whose text is now another (stored) source's than the facts in the graph were read from,
   * or whose facts an older extractor wrote: extract these and write them as a batch of their own.
   */
  readonly reextract?: readonly Paper[];
}

/** The write statement of each paper edge type (also used by corrections, src/curation). */
export const EDGE_STATEMENT: { readonly [T in PaperEdgeType]: StatementName } = {
  INTRODUCES: "write/merge-introduces",
  USES: "write/merge-uses",
  COMPARES_TO: "write/merge-compares-to",
  EVALUATED_ON: "write/merge-evaluated-on",
};

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
    // The corrections' lock, own papers, other papers (citations), entities: the order of transaction 1.
    await run(tx, "write/curation-lock");
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
  // 1. Identity: the stored papers every record shares an identifier or title key with.
  const found = await exec<{ index: number; paper: StoredPaper }>("write/find-papers", { rows: items.map((i, n) => identityRow(n, i.facts.paper)) });
  const matches = new Map<number, StoredPaper[]>();
  for (const { index, paper } of found.rows) matches.set(index, [...(matches.get(index) ?? []), paper]);
  const version = items[0]!.facts.extractorVersion;
  const planned = planPapers(items.map((i) => i.facts), matches, version);

  let unchanged = 0;
  const changed: PlannedPaper[] = [];
  const pending: string[] = [];
  // Unchanged papers whose derived data a stopped run left undone: their facts are the ones just
  // extracted (same text, same extractor), so those name the entities whose Notable label waits too.
  const pendingFacts: Facts[] = [];
  for (const p of planned) {
    if (p.unchanged) {
      unchanged += p.items.length;
      if (p.stored?.derivedPending) {
        pending.push(p.id);
        pendingFacts.push(...p.items);
      }
      continue;
    }
    changed.push(p);
  }
  const reextract = changed.flatMap((p) => (p.reextract ? [p.reextract] : []));
  const pendingEntities = toRows(pendingFacts.map((facts) => ({ facts }))).entities.map((e) => e.id);
  if (changed.length === 0) return { result: { ...NOTHING, unchanged }, pending, entities: [...new Set(pendingEntities)].sort(cmp) };
  // The corrections' lock before this transaction's first write (write/curation-lock), also when no
  // facts are rewritten: the papers' metadata and citations are nodes a correction locks too. Held
  // to the commit, so no correction commits between the read of the corrections below and the
  // write of the facts they apply to.
  await run(tx, "write/curation-lock");

  // 2. Provenance: the papers as all their sources make them, their old explicit metadata replaced
  //    by the union of what every source says (so a source without references erases none).
  const meta = metadataRows(changed, version);
  const withFacts = changed.filter((p) => p.facts !== null);
  // Corrections people made hold over what extraction says (write/curate.ts), read under their lock.
  const curations = withFacts.length
    ? (await exec<{ curation: ActiveCuration }>("write/find-curations", { papers: withFacts.map((p) => p.id) })).rows.map((r) => r.curation)
    : [];
  const rows = applyCurations(toRows(withFacts.map((p) => ({ facts: p.facts! }))), curations);
  // Papers first (sorted), so this transaction locks them before any entity, as every writer does.
  // What the MERGE found decides the counts: a paper planned as new that a concurrent writer stored
  // after the look-up above was not created by this run (and, holding what this run would write, is unchanged).
  const merged = new Map((await exec<{ id: string; created: boolean; same: boolean; asPlanned: boolean }>("write/merge-papers", { rows: meta.papers, now })).rows.map((r) => [r.id, r]));
  // A concurrent writer added a source to one of these papers after the look-up: written as planned,
  // its source would be lost. Rolled back and run again (Db.writeTx), the look-up sees it.
  const stale = [...merged.values()].filter((r) => !r.created && !r.same && !r.asPlanned).map((r) => r.id);
  if (stale.length) throw new StalePlanError(`${stale.length} paper(s) gained a source from a concurrent writer while this batch was planned (${stale.slice(0, 3).join(", ")})`);
  let created = 0, updated = 0;
  for (const p of changed) {
    const found = merged.get(p.id);
    // A paper new to the graph is one new paper, however many of this batch's records (sources) gave
    // it: the others added their source to it (read = new + updated + unchanged + skipped still holds).
    if (found?.created) { created += 1; updated += p.items.length - 1; }
    else if (found?.same && p.absorbed.length === 0) unchanged += p.items.length;
    else updated += p.items.length;
  }
  const absorbed = changed.flatMap((p) => p.absorbed.map((from) => ({ from, into: p.id }))).sort((a, b) => cmp(a.from, b.from));
  const rewritten = withFacts.filter((p) => p.stored !== null && !p.stored.stub).map((p) => p.id);
  // Old facts go for rewritten papers and absorbed nodes; only papers already in the graph have any.
  const gone = [...rewritten, ...absorbed.map((a) => a.from)].sort(cmp);
  const touched = gone.length ? (await exec<{ entityId: string }>("write/delete-paper-facts", { ids: gone })).rows.map((r) => r.entityId) : [];
  if (absorbed.length) await exec("write/absorb-papers", { rows: absorbed });
  const existing = changed.filter((p) => p.stored !== null && !p.stored.stub).map((p) => p.id).sort(cmp);
  if (existing.length) await exec("write/delete-paper-metadata", { ids: existing });

  // 3. Facts of the papers whose text was (re-)extracted.
  const entities = await exec("write/merge-entities", { rows: rows.entities, now });
  for (const type of Object.keys(EDGE_STATEMENT) as PaperEdgeType[]) {
    if (rows.paperEdges[type].length) await exec(EDGE_STATEMENT[type], { rows: rows.paperEdges[type] });
  }
  if (rows.lineage.length) await exec("write/merge-builds-on", { rows: rows.lineage });
  if (meta.cites.length) await exec("write/merge-cites", { rows: meta.cites });
  if (meta.authors.length) await exec("write/merge-authors", { rows: meta.authors });
  if (meta.categories.length) await exec("write/merge-categories", { rows: meta.categories });
  // Derived edges, not facts: the report counts what was extracted, so these stay out of its counts.
  if (rows.mentions.length) await run(tx, "write/merge-mentions", { rows: rows.mentions });
  const removed = touched.length ? (await exec<{ deleted: number }>("write/delete-orphan-entities", { ids: [...new Set(touched)].sort(cmp) })).rows : [];
  return {
    result: {
      created, updated, unchanged,
      entitiesRemoved: removed[0]?.deleted ?? 0,
      entitiesCreated: entities.counts.nodesCreated,
      nodesCreated: total.nodesCreated,
      relationshipsCreated: total.relationshipsCreated,
      relationshipsDeleted: total.relationshipsDeleted,
      reextract,
    },
    pending: [...pending, ...changed.map((p) => p.id)].sort(cmp),
    entities: [...new Set([...rows.entities.map((e) => e.id), ...touched, ...pendingEntities])].sort(cmp),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
