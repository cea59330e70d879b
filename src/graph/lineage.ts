// Lineage walks ("what builds on X", "what X builds on", or both at once): breadth-first, one Cypher
// statement per level for every root and direction (read/lineage-step), all inside one read
// transaction, for any number of roots at once (the API's DataLoader).
//
// Why not one variable-length match: a walk wants the `first` nearest entities, ordered by depth and
// then key. A path match explores every level up to maxDepth and every parallel edge before it can
// sort, so a hub that 17,000 entities build on costs hundreds of milliseconds even when depth 1
// alone already holds the answer. Walking level by level stops as soon as `first` entities are
// found, and every frontier after the first is smaller than `first`.
//
// Within a level nothing is sorted but the answer: every BUILDS_ON edge carries its ends' sort keys,
// written with it (byTarget: the target's id, then the source's key and id; bySource the other way
// round; write/merge-builds-on), and a range index on each lists an entity's dependants, or what it
// builds on, already in (key, id) order. The step reads at most `first` of them per frontier entity,
// so a level costs about frontier × first index entries whatever the degrees.
import { run, type Tx } from "./db";
import { checkDepth } from "./statements";

/** "up": what the root builds on. "down": what builds on the root. */
export type LineageDirection = "up" | "down";

/** What a walk covers: one direction, or both (each a walk of its own, read in the same statements). */
export type LineageWalk = LineageDirection | "both";

const DIRECTIONS: Record<LineageWalk, readonly LineageDirection[]> = { up: ["up"], down: ["down"], both: ["up", "down"] };

/** What a walk needs of an entity row; callers name the full shapes they read. */
export interface KeyedEntity {
  id: string;
  key: string;
}

/** One entity reached from root `id` in `direction`, at its shortest depth, with the evidence of the hop that reached it. */
export interface LineageHit<E extends KeyedEntity, V> {
  id: string;
  direction: LineageDirection;
  entity: E;
  depth: number;
  evidence: V[];
}

/** One entity of a level: what the step statement returns per walk, and what a walk may start from. */
export interface LevelRow<E, V> {
  entity: E;
  evidence: V[];
  /** Which walk of a root it belongs to: needed in a start of a walk both ways (read/neighbourhood-root-level). */
  direction?: LineageDirection;
}

interface StepRow<E, V> extends LevelRow<E, V> {
  id: string;
  direction: LineageDirection;
}

interface Walk {
  root: string;
  direction: LineageDirection;
  frontier: string[];
  visited: Set<string>;
  found: number;
}


/**
 * What a walk reads of the hops that reach an entity: every parallel edge with its evidence (true),
 * only which frontier entities they join ("ends": {source, target} once per pair, enough to draw
 * them), or nothing (false).
 */
export type HopDetail = boolean | "ends";

/**
 * For each root id and each direction `direction` covers, at most `first` entities within `maxDepth`
 * BUILDS_ON hops that way, each at its shortest depth, ordered by depth then key (per root and
 * direction: a walk both ways is two walks, each with its own `first`, sharing statements). Unknown
 * ids get no hits. Without `evidence`, the hits carry no evidence (and the walk reads none). Only
 * BUILDS_ON edges whose confidence reaches `minConfidence` are walked (0: all).
 *
 * `starts` holds first levels already read for some roots, with the same first, evidence and
 * minConfidence (read/lineage-{down,up}-from-name for a walk one way, read/neighbourhood-root-level
 * both ways, each reading a root and its first level in one statement): those roots skip the first
 * step. In a walk both ways every row of a start names its direction.
 *
 * `also` names, per root, entities the walk counts as the root itself (its sizes, VARIANT_OF, for
 * includeVariants): the walk starts from the root and them, and never lists them. A root with
 * `also` must have no start (its start holds the root's own first level only).
 */
export async function walkLineage<E extends KeyedEntity, V>(
  tx: Tx, direction: LineageWalk, ids: readonly string[], maxDepth: number, first: number, evidence: HopDetail = true, minConfidence = 0,
  starts: ReadonlyMap<string, readonly LevelRow<E, V>[]> = new Map(), also: ReadonlyMap<string, readonly string[]> = new Map(),
): Promise<LineageHit<E, V>[]> {
  checkDepth(maxDepth);
  if (!Number.isInteger(first) || first < 1) throw new RangeError(`first ${first} must be a positive integer`);
  // A row of a start without a direction would go to both walks of its root.
  if (direction === "both" && [...starts.values()].some((level) => level.some((l) => l.direction === undefined))) {
    throw new RangeError("a walk both ways starts only from rows that name their direction");
  }
  // Unknown ids match no frontier node, so they simply find nothing.
  if ([...also.keys()].some((id) => starts.has(id))) throw new RangeError("a root walked with its variants cannot start from its own first level");
  const walks = [...new Set(ids)].flatMap((id) => DIRECTIONS[direction].map((d): Walk => {
    const from = [id, ...(also.get(id) ?? []).filter((v) => v !== id)];
    return { root: id, direction: d, frontier: from, visited: new Set(from), found: 0 };
  }));
  const hits: LineageHit<E, V>[] = [];
  for (let depth = 1; depth <= maxDepth; depth++) {
    const active = walks.filter((w) => w.frontier.length > 0 && w.found < first);
    if (active.length === 0) break;
    const started = depth === 1 ? active.filter((w) => starts.has(w.root)) : [];
    const stepped = active.filter((w) => !started.includes(w));
    const params = stepped.map((w) => ({ root: w.root, direction: w.direction, frontier: w.frontier, visited: [...w.visited] }));
    const rows: StepRow<E, V>[] = params.length === 0 ? [] :
      await run<StepRow<E, V>>(tx, "read/lineage-step", { walks: params, first, evidence: evidence === true, ends: evidence === "ends", minConfidence });
    for (const w of started) {
      for (const l of starts.get(w.root)!) if (l.direction === undefined || l.direction === w.direction) rows.push({ ...l, id: w.root, direction: w.direction });
    }
    const byWalk = new Map<string, StepRow<E, V>[]>();
    for (const r of rows) {
      const key = walkKey(r.id, r.direction);
      const list = byWalk.get(key);
      if (list) list.push(r);
      else byWalk.set(key, [r]);
    }
    for (const walk of active) {
      const level = (byWalk.get(walkKey(walk.root, walk.direction)) ?? []).sort(byKeyThenId).slice(0, first - walk.found);
      walk.found += level.length;
      walk.frontier = level.map((r) => r.entity.id);
      for (const r of level) {
        walk.visited.add(r.entity.id);
        hits.push({ id: walk.root, direction: walk.direction, entity: r.entity, depth, evidence: r.evidence });
      }
    }
  }
  return hits;
}

/** A level's rows grouped once per walk (root and direction), not filtered again for every walk. */
function walkKey(root: string, direction: LineageDirection): string {
  return `${direction} ${root}`;
}

function byKeyThenId(a: { entity: KeyedEntity }, b: { entity: KeyedEntity }): number {
  return a.entity.key < b.entity.key ? -1 : a.entity.key > b.entity.key ? 1 : a.entity.id < b.entity.id ? -1 : a.entity.id > b.entity.id ? 1 : 0;
}
