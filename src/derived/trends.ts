// Trending, precomputed: after every ingest the ranked list of each window is computed once
// (cypher/read/trending.cypher) and stored as (:Trend {window, rank}) nodes, so the trending field
// is a lookup. A `since` date is answered live by the same statement, reading only its window.
import type { Db } from "../graph/db";

/** Windows the API offers, in days up to the newest listing day in the graph. */
export const TREND_WINDOWS = { DAY: 1, WEEK: 7, MONTH: 30, QUARTER: 91, YEAR: 365 } as const;
export type TrendWindow = keyof typeof TREND_WINDOWS;

/** Entries kept per window (the field's first is at most 100). */
export const TRENDS_KEPT = 200;
/** Pseudo-papers of history (see cypher/read/trending.cypher): less history than this says little. */
export const TREND_PRIOR = 20;

export interface TrendRow {
  id: string;
  recent: number;
  before: number;
  expected: number;
  score: number;
}

export async function refreshTrends(db: Db): Promise<void> {
  for (const [window, days] of Object.entries(TREND_WINDOWS)) {
    const rows = await db.read<TrendRow>("read/trending", { from: null, fromDay: null, days, prior: TREND_PRIOR, first: TRENDS_KEPT });
    await db.write("write/replace-trends", {
      window,
      rows: rows.map((r, rank) => ({ rank, id: r.id, recent: r.recent, before: r.before, expected: r.expected, score: r.score })),
    });
  }
}
