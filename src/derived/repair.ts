// What a command checks when it starts, besides the migrations (src/graph/migrations.ts): edges an
// older techtree wrote in the old shape after this graph was migrated. A migration runs once per
// graph; a techtree older than it, run on the graph afterwards (before techtrees refused graphs a
// newer one had migrated), writes edges without the keys the migration gave every edge, and the
// reads that seek by those keys do not see them: its `techtree topics` left every topic listing no
// papers until the next `techtree topics`. The same backfills, run again, key those edges; they
// touch only edges without keys, so running them on a sound graph would change nothing, and the
// check (read/unkeyed-edges: counts, no edge read) keeps them from running at all.
import type { Db } from "../graph/db";

export interface Repair {
  /** Topic memberships (ABOUT) keyed now. */
  readonly about: number;
  /** Builds-on edges keyed now. */
  readonly buildsOn: number;
  readonly ms: number;
}

/** Keys the edges an older techtree left without, and says so in one line; null when there were none. */
export async function repairDerived(db: Db, log: (line: string) => void = () => {}): Promise<Repair | null> {
  const started = Date.now();
  const [found] = await db.read<{ about: number; buildsOn: number }>("read/unkeyed-edges");
  const about = found?.about ?? 0;
  const buildsOn = found?.buildsOn ?? 0;
  if (about === 0 && buildsOn === 0) return null;
  if (about > 0) await db.autoCommit("migrate/about-order");
  if (buildsOn > 0) await db.autoCommit("migrate/builds-on-order");
  const ms = Date.now() - started;
  const what = [
    about > 0 ? `${count(about, "topic membership")} without a sort key (their topics listed none of those papers)` : null,
    buildsOn > 0 ? `${count(buildsOn, "builds-on edge")} without lineage keys (lineage missed them)` : null,
  ].filter((w) => w !== null);
  log(`Repaired the graph: an older techtree had written ${what.join(" and ")}; keys added (${(ms / 1000).toFixed(1)}s)`);
  return { about, buildsOn, ms };
}

function count(n: number, what: string): string {
  return `${n.toLocaleString("en")} ${what}${n === 1 ? "" : "s"}`;
}
