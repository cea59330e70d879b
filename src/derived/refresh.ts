// What an ingest leaves behind besides the papers: topics and the trending lists, both derived
// from the whole graph. Runs after every ingest of any size that writes papers (CLI, `up`, watch, the
// ingest mutation).
// Topics: papers that arrived are placed into the existing topics by profile, which is cheap;
// when the new papers are more than a fifth of those placed (or there are no topics yet), the
// topics are recomputed instead, so they follow the corpus as it grows. The :Notable labels are
// settled over the whole graph too (cypher/write/settle-notable): concurrent writers can leave one
// wrong, and `techtree topics` after the last of them puts it right.
// A run that changed nothing skips all this when the graph says the derived data are current
// (refreshAfterRun): `techtree up` re-reads the unchanged seed on every start.
import type { Db } from "../graph/db";
import { placeNewPapers, recomputeTopics } from "../topics/recompute";
import { refreshTrends, TREND_WINDOWS } from "./trends";
import { refreshVariants } from "./variants";

export type TopicsMode = "auto" | "recompute" | "skip";

/** New papers beyond this share of the placed ones trigger a full recompute. */
export const RECOMPUTE_SHARE = 0.2;

export interface RefreshReport {
  readonly topics: "recomputed" | "placed" | "unchanged" | "skipped";
  /** Topics after a recompute, or papers placed into existing topics. */
  readonly count: number;
  readonly topicsMs: number;
  readonly trendsMs: number;
}

export async function refreshDerived(db: Db, mode: TopicsMode = "auto"): Promise<RefreshReport> {
  const started = Date.now();
  // The counts this refresh starts from: a write that lands while it runs changes them, so the next
  // run's check sees the difference and refreshes again.
  const { counts } = await derivedState(db);
  let topics: RefreshReport["topics"] = "skipped";
  let count = 0;
  if (mode !== "skip") {
    const [c] = await db.read<{ papers: number; placed: number; topics: number }>("read/topic-coverage");
    const papers = c?.papers ?? 0;
    const placed = c?.placed ?? 0;
    if (mode === "recompute" || (c?.topics ?? 0) === 0 || papers - placed > RECOMPUTE_SHARE * placed) {
      count = (await recomputeTopics(db)).length;
      topics = "recomputed";
    } else if (papers > placed) {
      count = await placeNewPapers(db);
      topics = "placed";
    } else topics = "unchanged";
  }
  const topicsMs = Date.now() - started;
  // After the corrections' lock, as a correction or batch takes it: the settling locks every entity
  // whose label disagrees in the order it finds them, a merge the entity it keeps and then the one it
  // deletes, so without it each could hold what the other waits for.
  await db.writeInTurn("write/settle-notable");
  await refreshTrends(db);
  await refreshVariants(db);
  await db.write("write/mark-derived", { counts, topics: mode !== "skip" });
  return { topics, count, topicsMs, trendsMs: Date.now() - started - topicsMs };
}

/** What an ingest run tells refreshAfterRun: whether it wrote anything, and whether it was stopped. */
export interface RunOutcome {
  readonly created: number;
  readonly updated: number;
  readonly interrupted: boolean;
}

/** refreshDerived's report, or why it did not run. */
export type AfterRun =
  | ({ readonly refreshed: true } & RefreshReport)
  | { readonly refreshed: false; readonly reason: "interrupted" | "current" };

/**
 * After an ingest run (CLI ingest, `up`, watch): refreshDerived, unless the run was interrupted
 * (the next run derives; the counts are forgotten so it does, even when it finds nothing to write),
 * or it created and updated nothing and the derived data are current (derivedCurrent). `recompute`
 * (ingest --topics) always recomputes.
 */
export async function refreshAfterRun(db: Db, run: RunOutcome, mode: TopicsMode): Promise<AfterRun> {
  const changed = run.created + run.updated > 0;
  if (run.interrupted) {
    if (changed) await db.write("write/mark-derived", { counts: null, topics: false });
    return { refreshed: false, reason: "interrupted" };
  }
  if (!changed && mode !== "recompute" && (await derivedCurrent(db, mode))) return { refreshed: false, reason: "current" };
  return { refreshed: true, ...(await refreshDerived(db, mode)) };
}

/**
 * Whether refreshDerived would compute what is stored: every trending window has its list, the
 * graph's counts are those the last refresh started from (read/derived-state), and, unless topics
 * are left alone, that refresh settled topics too (or every paper is in a topic: a refresh that
 * left topics alone, after a deletion say). Papers that share nothing with any topic stay unplaced,
 * and placing them again would place none, so a graph holding some is current all the same.
 * Trending needs no clock: its windows end at the newest listing day in the graph, not today, so
 * lists computed from the same graph stay right however long ago that was.
 */
export async function derivedCurrent(db: Db, mode: TopicsMode = "auto"): Promise<boolean> {
  const state = await derivedState(db);
  const same = state.stored !== null && state.stored.length === state.counts.length && state.stored.every((c, i) => c === state.counts[i]);
  if (!same || state.windows < Object.keys(TREND_WINDOWS).length) return false;
  if (mode === "skip" || state.topics) return true;
  const [c] = await db.read<{ papers: number; placed: number; topics: number }>("read/topic-coverage");
  return (c?.topics ?? 0) > 0 && (c?.papers ?? 0) <= (c?.placed ?? 0);
}

interface DerivedState {
  /** Papers, entities and MENTIONS edges now. */
  counts: number[];
  /** The counts the last refresh started from; null when none is recorded (or it was forgotten). */
  stored: number[] | null;
  /** Whether that refresh settled topics. */
  topics: boolean;
  /** Trending windows that have a computed list. */
  windows: number;
}

async function derivedState(db: Db): Promise<DerivedState> {
  const [row] = await db.read<DerivedState>("read/derived-state", { windows: Object.keys(TREND_WINDOWS) });
  return row ?? { counts: [], stored: null, topics: false, windows: 0 };
}
