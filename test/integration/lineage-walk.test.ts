// The level-by-level lineage walk on a random graph with hubs, cycles and parallel edges, its edges
// written by the ingest's own statement (write/merge-builds-on, which gives each edge the sort keys
// the walk seeks on): it agrees with a breadth-first search done in memory, for both directions,
// several depths, several `first` values and a confidence floor, one direction at a time or both
// at once (one statement per level for both, as the explorer's view walks); so does a walk that
// starts from the level its root's lookup read (read/lineage-{down,up}-from-name, the API's
// `technique(name) { builtOnBy }`, and read/neighbourhood-root-level, the explorer's view).
import { run, type Db } from "../../src/graph/db";
import { walkLineage, type LevelRow, type LineageDirection } from "../../src/graph/lineage";
import { statement } from "../../src/graph/statements";
import { testDb, wipe } from "../helpers/neo4j";

interface Edge {
  from: string;
  to: string;
  paper: string;
  confidence: number;
}

const ENTITIES = 240;
let db: Db;
let keys: Map<string, string>;
let edges: Edge[];

function mulberry(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  db = testDb();
  await wipe(db);
  // The walk seeks the BUILDS_ON sort-key indexes: create them, as every command does, rather than
  // rely on an earlier suite having left them in the shared test database (one that drops the schema
  // runs first in some orders, and the planner then falls back to a label scan in creation order).
  await db.applySchema();
  const rand = mulberry(7);
  const ids = Array.from({ length: ENTITIES }, (_, i) => `technique:t${i}`);
  // Keys in an order unrelated to ids, so sorting by key is visible.
  keys = new Map(ids.map((id) => [id, `k${Math.floor(rand() * 1e6).toString(36)}${id.slice(11)}`]));
  edges = [];
  const pick = () => ids[Math.floor(rand() * ids.length)]!;
  const conf = () => Math.round(rand() * 100) / 100;
  // Two hubs that a third of the graph builds on, some of it twice (parallel edges from two papers).
  for (const hub of [ids[0]!, ids[1]!]) {
    for (const id of ids.slice(2)) if (rand() < 0.35) edges.push({ from: id, to: hub, paper: `p_${edges.length}`, confidence: conf() });
  }
  for (let i = 0; i < 400; i++) edges.push({ from: pick(), to: pick(), paper: `p_${edges.length}`, confidence: conf() });
  edges.push({ from: ids[5]!, to: ids[0]!, paper: "p_again", confidence: 0.9 });
  edges = edges.filter((e) => e.from !== e.to);
  await db.writeTx(async (tx) => {
    await tx.run("UNWIND $rows AS r CREATE (:Entity:Technique {id: r.id, key: r.key, name: r.key, kind: 'Technique', aliases: []})", {
      rows: ids.map((id) => ({ id, key: keys.get(id) })),
    });
  });
  await db.write("write/merge-builds-on", {
    rows: edges.map((e) => ({ from: e.from, to: e.to, paper: e.paper, props: { sentence: `s ${e.paper}`, rule: "test", confidence: e.confidence } })),
  });
});

afterAll(async () => {
  await wipe(db);
  await db.close();
});

/** What a walk must return: every reachable entity at its BFS depth, by (depth, key, id), cut at first. */
function expected(direction: LineageDirection, root: string, maxDepth: number, first: number, minConfidence = 0): string[] {
  const kept = edges.filter((e) => e.confidence >= minConfidence);
  const next = (id: string) => (direction === "down" ? kept.filter((e) => e.to === id).map((e) => e.from) : kept.filter((e) => e.from === id).map((e) => e.to));
  const depth = new Map([[root, 0]]);
  let frontier = [root];
  for (let d = 1; d <= maxDepth && frontier.length > 0; d++) {
    const level = new Set<string>();
    for (const f of frontier) for (const n of next(f)) if (!depth.has(n)) level.add(n);
    for (const n of level) depth.set(n, d);
    frontier = [...level];
  }
  // The evidence of an entity at depth d: its edges to (down) or from (up) the entities at depth d - 1.
  const evidence = (id: string, d: number) =>
    kept.filter((e) => (direction === "down" ? e.from === id && depth.get(e.to) === d - 1 : e.to === id && depth.get(e.from) === d - 1)).length;
  return [...depth]
    .filter(([id]) => id !== root)
    .sort(([a, da], [b, db2]) => da - db2 || (keys.get(a)! < keys.get(b)! ? -1 : 1))
    .slice(0, first)
    .map(([id, d]) => `${id}@${d}#${evidence(id, d)}`);
}

const cases: [LineageDirection, string, number, number][] = [];
for (const direction of ["down", "up"] as const) {
  for (const root of ["technique:t0", "technique:t1", "technique:t7", "technique:t42"]) {
    for (const [maxDepth, first] of [[1, 100], [3, 10], [3, 100], [10, 7], [2, 1]] as const) cases.push([direction, root, maxDepth, first]);
  }
}

test.each(cases)("%s from %s, maxDepth %i, first %i: the walk equals an in-memory BFS", async (direction, root, maxDepth, first) => {
  const got = async (evidence: boolean, minConfidence = 0) => (await db.readTx((tx) =>
    walkLineage<{ id: string; key: string }, unknown>(tx, direction, [root], maxDepth, first, evidence, minConfidence))).map((h) => `${h.entity.id}@${h.depth}#${h.evidence.length}`);
  const want = expected(direction, root, maxDepth, first);
  expect(await got(true)).toEqual(want);
  // Without evidence (a query that does not select it): the same entities at the same depths, no evidence read.
  expect(await got(false)).toEqual(want.map((w) => w.replace(/#\d+$/, "#0")));
  // Ends only (the explorer's view): each hop once per pair of entities it joins, whichever side the
  // statement reads it from (an up walk reads it from the frontier's, not from a hub's thousands).
  const pairs = async (evidence: boolean | "ends") => (await db.readTx((tx) =>
    walkLineage<{ id: string; key: string }, { source: string; target: string }>(tx, direction, [root], maxDepth, first, evidence)))
    .map((h) => `${h.entity.id}@${h.depth}:${[...new Set(h.evidence.map((e) => `${e.source}>${e.target}`))].sort().join(",")}`);
  expect(await pairs("ends")).toEqual(await pairs(true));
  // A confidence floor walks only the edges that reach it, skipping the others in the index's order.
  expect(await got(true, 0.6)).toEqual(expected(direction, root, maxDepth, first, 0.6));
});

test.each(cases)("%s from %s, maxDepth %i, first %i: a walk that starts from its lookup's level is the same walk", async (direction, root, maxDepth, first) => {
  type Row = { entity: { id: string; key: string } | null; level: LevelRow<{ id: string; key: string }, unknown>[] };
  const got = (evidence: boolean, minConfidence = 0) => db.readTx(async (tx) => {
    const [row] = await run<Row>(tx, `read/lineage-${direction}-from-name`, { key: keys.get(root), singular: null, kind: "Technique", first, evidence, ends: false, minConfidence, variants: false });
    expect(row?.entity?.id).toBe(root);
    const hits = await walkLineage<{ id: string; key: string }, unknown>(tx, direction, [root], maxDepth, first, evidence, minConfidence, new Map([[root, row!.level]]));
    return hits.map((h) => `${h.entity.id}@${h.depth}#${h.evidence.length}`);
  });
  const want = expected(direction, root, maxDepth, first);
  expect(await got(true)).toEqual(want);
  expect(await got(false)).toEqual(want.map((w) => w.replace(/#\d+$/, "#0")));
  expect(await got(true, 0.6)).toEqual(expected(direction, root, maxDepth, first, 0.6));
});

test("the lookup with a level finds no entity for an unknown name", async () => {
  const rows = await db.readTx((tx) => run(tx, "read/lineage-down-from-name", { key: "nosuchkeys", singular: "nosuchkey", kind: "Technique", first: 5, evidence: false, ends: false, minConfidence: 0, variants: false }));
  expect(rows).toEqual([]);
});

test("a walk both ways is the walk up and the walk down, each with its own first", async () => {
  for (const [root, maxDepth, first] of [["technique:t0", 3, 10], ["technique:t7", 2, 30], ["technique:t42", 4, 5]] as const) {
    const hits = await db.readTx((tx) => walkLineage<{ id: string; key: string }, unknown>(tx, "both", [root], maxDepth, first));
    for (const direction of ["up", "down"] as const) {
      const got = hits.filter((h) => h.direction === direction).map((h) => `${h.entity.id}@${h.depth}#${h.evidence.length}`);
      expect(got).toEqual(expected(direction, root, maxDepth, first));
    }
  }
  // A start of a walk both ways must say which walk each of its rows belongs to.
  const undirected = [{ entity: { id: "technique:t5", key: keys.get("technique:t5")! }, evidence: [] }];
  await expect(db.readTx((tx) => walkLineage(tx, "both", ["technique:t0"], 2, 5, true, 0, new Map([["technique:t0", undirected]])))).rejects.toThrow(RangeError);
});

test("a walk both ways that starts from the explorer's lookup with its level (read/neighbourhood-root-level) is the same walk", async () => {
  type Row = { entity: { id: string }; level: LevelRow<{ id: string; key: string }, { source: string; target: string }>[] };
  const walk = (root: string, maxDepth: number, first: number, evidence: boolean | "ends", lookup: boolean) => db.readTx(async (tx) => {
    let starts = new Map<string, Row["level"]>();
    if (lookup) {
      const [row] = await run<Row>(tx, "read/neighbourhood-root-level", { id: null, key: keys.get(root), singular: null, first, evidence: evidence === true, ends: evidence === "ends", minConfidence: 0 });
      expect(row?.entity.id).toBe(root);
      starts = new Map([[root, row!.level]]);
    }
    const hits = await walkLineage<{ id: string; key: string }, { source: string; target: string }>(tx, "both", [root], maxDepth, first, evidence, 0, starts);
    return hits.map((h) => `${h.direction} ${h.entity.id}@${h.depth}:${h.evidence.map((e) => `${e.source}>${e.target}`).join(",")}`);
  });
  for (const [root, maxDepth, first] of [["technique:t0", 3, 10], ["technique:t7", 2, 30], ["technique:t42", 4, 5], ["technique:t5", 1, 100]] as const) {
    for (const evidence of [true, "ends"] as const) expect(await walk(root, maxDepth, first, evidence, true)).toEqual(await walk(root, maxDepth, first, evidence, false));
  }
  // By id too, and nothing for an unknown key.
  const [byId] = await db.read<Row>("read/neighbourhood-root-level", { id: "technique:t7", key: null, singular: null, first: 5, evidence: false, ends: true, minConfidence: 0 });
  expect(byId?.entity.id).toBe("technique:t7");
  expect(await db.read("read/neighbourhood-root-level", { id: null, key: "nosuchkey", singular: null, first: 5, evidence: false, ends: true, minConfidence: 0 })).toEqual([]);
});

test("many roots in one walk give each root its own answer", async () => {
  const roots = ["technique:t0", "technique:t7", "technique:t42", "technique:unknown"];
  const hits = await db.readTx((tx) => walkLineage<{ id: string; key: string }, unknown>(tx, "down", roots, 3, 20));
  for (const root of roots) {
    const got = hits.filter((h) => h.id === root).map((h) => `${h.entity.id}@${h.depth}#${h.evidence.length}`);
    expect(got).toEqual(root === "technique:unknown" ? [] : expected("down", root, 3, 20));
  }
});

test("depth and first are validated", async () => {
  await expect(db.readTx((tx) => walkLineage(tx, "down", ["technique:t0"], 11, 10))).rejects.toThrow(RangeError);
  await expect(db.readTx((tx) => walkLineage(tx, "down", ["technique:t0"], 2, 0))).rejects.toThrow(RangeError);
});

test("a hub's level reads about first index entries, not all its dependants", async () => {
  const session = db.driver.session({ database: db.database });
  try {
    // Walking down from t0 and, in the same statement, up from t0: only the down seek reads anything.
    const walks = ["down", "up"].map((direction) => ({ root: "technique:t0", direction, frontier: ["technique:t0"], visited: ["technique:t0"] }));
    const text = `PROFILE ${statement("read/lineage-step")}`;
    const res = await session.run(text, { walks, first: 5, evidence: false, ends: false, minConfidence: 0 });
    const seeks = operators(res.summary.profile as never).filter((p) => p.operatorType.startsWith("DirectedRelationshipIndexSeekByRange"));
    expect(res.records.filter((r) => r.get("direction") === "down")).toHaveLength(5);
    expect(seeks).toHaveLength(2);
    // t0 has about 80 dependants; the seek stops after the first five (and any parallel edges among them).
    expect(edges.filter((e) => e.to === "technique:t0").length).toBeGreaterThan(50);
    expect(seeks.reduce((n, p) => n + p.rows, 0)).toBeLessThanOrEqual(10);
  } finally {
    await session.close();
  }
});

test("an up walk that reaches a hub reads the hops from the frontier, not the hub's dependants", async () => {
  const session = db.driver.session({ database: db.database });
  try {
    const walks = [{ root: "technique:t5", direction: "up", frontier: ["technique:t5"], visited: ["technique:t5"] }];
    const res = await session.run(`PROFILE ${statement("read/lineage-step")}`, { walks, first: 100, evidence: false, ends: true, minConfidence: 0 });
    expect(res.records.map((r) => r.get("entity").id)).toContain("technique:t0");
    const expands = operators(res.summary.profile as never).filter((p) => p.operatorType.startsWith("Expand"));
    // t0 has about 80 dependants; t5 builds on a handful of entities.
    expect(Math.max(...expands.map((p) => p.rows))).toBeLessThanOrEqual(edges.filter((e) => e.from === "technique:t5").length);
  } finally {
    await session.close();
  }
});

interface Operator {
  operatorType: string;
  rows: number;
  children: Operator[];
}

function operators(p: Operator): Operator[] {
  return [p, ...p.children.flatMap(operators)];
}
