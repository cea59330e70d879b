// What an ingest leaves behind besides the papers: topics and the trending lists, both derived
// from the whole graph. Runs after every ingest of any size (CLI, `up`, the ingest mutation).
// Topics: papers that arrived are placed into the existing topics by profile, which is cheap;
// when the new papers are more than a fifth of those placed (or there are no topics yet), the
// topics are recomputed instead, so they follow the corpus as it grows. The :Notable labels are
// settled over the whole graph too (cypher/write/settle-notable): concurrent writers can leave one
// wrong, and `techtree topics` after the last of them puts it right.
import type { Db } from "../graph/db";
import { placeNewPapers, recomputeTopics } from "../topics/recompute";
import { refreshTrends } from "./trends";
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
  await db.write("write/settle-notable");
  await refreshTrends(db);
  await refreshVariants(db);
  return { topics, count, topicsMs, trendsMs: Date.now() - started - topicsMs };
}
