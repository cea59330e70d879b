// What the write path derives for the reads: each paper's listing day as an indexed Neo4j date,
// one MENTIONS edge per paper and entity it mentions in any role, alias key text, the Notable
// label and the lineage sort keys of builds-on edges. And a graph written before these existed gets
// them from the one-off migrations.
import type { Db } from "../../src/graph/db";
import { listingDay } from "../../src/domain";
import { refreshDerived } from "../../src/derived/refresh";
import { MIGRATIONS, migrate } from "../../src/graph/migrations";
import { freshSeedGraph, testDb } from "../helpers/neo4j";

let db: Db;

async function cypher<T>(text: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const session = db.driver.session({ database: db.database });
  try {
    const res = await session.run(text, params);
    return res.records.map((r) => r.toObject() as T);
  } finally {
    await session.close();
  }
}

/** What a techtree process starting on this graph does first (a Db applies the schema once in its life). */
async function applySchemaInNewProcess(): Promise<void> {
  const other = testDb();
  try {
    await other.applySchema();
  } finally {
    await other.close();
  }
}

/** The operator names of a statement's plan. */
async function operators(text: string): Promise<string[]> {
  const session = db.driver.session({ database: db.database });
  try {
    const plan = (await session.run(text)).summary.plan;
    const names: string[] = [];
    const walk = (p: { operatorType: string; children: unknown[] }) => {
      names.push(p.operatorType.split("@")[0]!);
      for (const c of p.children) walk(c as typeof p);
    };
    if (plan) walk(plan as never);
    return names;
  } finally {
    await session.close();
  }
}

/** Everything derived, as comparable plain data. */
async function derived() {
  const days = await cypher<{ id: string; listingDate: string | null; day: string | null }>(
    "MATCH (p:Paper) RETURN p.id AS id, p.listingDate AS listingDate, toString(p.listedOn) AS day ORDER BY id",
  );
  const mentions = await cypher<{ id: string; entities: string[] }>(
    "MATCH (p:Paper)-[:MENTIONS]->(e:Entity) WITH p, e ORDER BY e.id RETURN p.id AS id, collect(e.id) AS entities ORDER BY id",
  );
  const notable = await cypher<{ id: string }>("MATCH (e:Notable) RETURN e.id AS id ORDER BY id");
  const aliasText = await cypher<{ id: string; text: string | null }>("MATCH (e:Entity) RETURN e.id AS id, e.aliasKeyText AS text ORDER BY id");
  const lineageKeys = await cypher<{ fact: string; byTarget: string | null; bySource: string | null }>(
    "MATCH ()-[r:BUILDS_ON]->() RETURN r.factId AS fact, r.byTarget AS byTarget, r.bySource AS bySource ORDER BY fact",
  );
  const topicKeys = await cypher<{ paper: string; topic: string; weight: number; byTopic: string | null }>(
    "MATCH (p:Paper)-[a:ABOUT]->(t:Topic) RETURN p.id AS paper, t.id AS topic, a.weight AS weight, a.byTopic AS byTopic ORDER BY paper, topic",
  );
  return { days, mentions, notable, aliasText, lineageKeys, topicKeys };
}

beforeAll(async () => {
  db = testDb();
  await freshSeedGraph(db);
});

afterAll(() => db.close());

test("every dated paper has its listing day as a date, and the listedOn index serves range reads", async () => {
  const { days } = await derived();
  expect(days.length).toBeGreaterThan(100);
  for (const d of days) expect(d.day).toBe(listingDay(d.listingDate));
  expect(days.some((d) => d.day === "0000-03-17")).toBe(true);
  expect(await operators("EXPLAIN MATCH (p:Paper) WHERE p.listedOn >= date('0000-03-01') RETURN p")).toContain("NodeIndexSeekByRange");
});

test("MENTIONS holds exactly the entities of a paper's edges and of the builds-on edges it states", async () => {
  const expected = await cypher<{ id: string; entities: string[] }>(`
    MATCH (p:Paper) WHERE NOT coalesce(p.stub, false)
    CALL (p) {
      MATCH (p)-[:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e:Entity) RETURN e
      UNION
      MATCH (e:Entity)-[:BUILDS_ON {paper: p.id}]-(:Entity) RETURN e
    }
    WITH p, e ORDER BY e.id
    RETURN p.id AS id, collect(e.id) AS entities ORDER BY id`);
  const { mentions } = await derived();
  expect(mentions).toEqual(expected);
  const [gpu] = await cypher<{ n: number }>("MATCH (e:Entity {id: 'hardware:gpu'}) RETURN COUNT { (e)<-[:MENTIONS]-() } AS n");
  expect(Number(gpu!.n)).toBeGreaterThanOrEqual(10);
});

test("Notable marks the entities at least 3 papers mention; aliasKeyText lists alias keys between spaces", async () => {
  const { notable, aliasText } = await derived();
  const counted = await cypher<{ id: string }>("MATCH (e:Entity) WHERE COUNT { (e)<-[:MENTIONS]-() } >= 3 RETURN e.id AS id ORDER BY id");
  expect(notable).toEqual(counted);
  expect(notable.map((n) => n.id)).toContain("hardware:gpu");
  const [fa] = await cypher<{ text: string }>("MATCH (e:Entity {id: 'technique:flashattention'}) RETURN e.aliasKeyText AS text");
  expect(fa!.text.startsWith(" ") && fa!.text.endsWith(" ")).toBe(true);
});

test("the refresh after an ingest settles a Notable label that concurrent writers left wrong, and nothing else", async () => {
  const before = await derived();
  const [gpu] = await cypher<{ n: number }>("MATCH (e:Entity {id: 'hardware:gpu'}) REMOVE e:Notable RETURN COUNT { (e)<-[:MENTIONS]-() } AS n");
  const [rare] = await cypher<{ id: string }>("MATCH (e:Entity) WHERE COUNT { (e)<-[:MENTIONS]-() } = 1 WITH e ORDER BY e.id LIMIT 1 SET e:Notable RETURN e.id AS id");
  expect(Number(gpu!.n)).toBeGreaterThanOrEqual(3);
  expect((await derived()).notable).not.toEqual(before.notable);
  await refreshDerived(db, "skip");
  expect((await derived()).notable).toEqual(before.notable);
  expect(before.notable.map((n) => n.id)).not.toContain(rare!.id);
  const [lock] = await cypher<{ n: number }>("MATCH (e:Entity) WHERE e._notableLock IS NOT NULL RETURN count(e) AS n");
  expect(Number(lock!.n)).toBe(0);
});

test("every builds-on edge carries the lineage sort keys of its ends, and the indexes on them serve prefix seeks", async () => {
  const { lineageKeys } = await derived();
  expect(lineageKeys.length).toBeGreaterThan(10);
  const ends = await cypher<{ fact: string; byTarget: string; bySource: string }>(
    "MATCH (a:Entity)-[r:BUILDS_ON]->(b:Entity) RETURN r.factId AS fact, b.id + ' ' + a.key + ' ' + a.id AS byTarget, a.id + ' ' + b.key + ' ' + b.id AS bySource ORDER BY fact",
  );
  expect(lineageKeys).toEqual(ends);
  for (const prop of ["byTarget", "bySource"]) {
    // With the hint the lineage steps use: on this small graph's fresh index sample the planner may
    // otherwise prefer an ordered scan of the whole index; a seek is only possible if the index exists.
    expect(await operators(`EXPLAIN MATCH ()-[r:BUILDS_ON]->() USING INDEX SEEK r:BUILDS_ON(${prop}) WHERE r.${prop} STARTS WITH 'technique:flashattention ' RETURN r`)).toContain("DirectedRelationshipIndexSeekByRange");
  }
});

test("every topic membership carries its topic's sort key, heavier papers first, and the index on it serves prefix seeks", async () => {
  const { topicKeys } = await derived();
  expect(topicKeys.length).toBeGreaterThan(50);
  for (const k of topicKeys) {
    const inverse = String(1_000_000 - Math.round(1_000_000 * Math.min(1, Math.max(0, k.weight)))).padStart(7, "0");
    expect(k.byTopic).toBe(`${k.topic} ${inverse} ${k.paper}`);
  }
  // The key order is the topic's order: weight descending, then paper id.
  const [topic] = topicKeys;
  const members = topicKeys.filter((k) => k.topic === topic!.topic);
  const byKey = [...members].sort((a, b) => (a.byTopic! < b.byTopic! ? -1 : 1)).map((k) => k.paper);
  const byWeight = [...members].sort((a, b) => b.weight - a.weight || (a.paper < b.paper ? -1 : 1)).map((k) => k.paper);
  expect(byKey).toEqual(byWeight);
  expect(await operators(`EXPLAIN MATCH ()-[a:ABOUT]->() USING INDEX SEEK a:ABOUT(byTopic) WHERE a.byTopic STARTS WITH ${JSON.stringify(topic!.topic + " ")} RETURN a`)).toContain("DirectedRelationshipIndexSeekByRange");
});

test("a graph written before the derived data existed gets all of it from the migrations", async () => {
  const before = await derived();
  await cypher("MATCH ()-[r:MENTIONS]->() DELETE r");
  await cypher("MATCH (p:Paper) REMOVE p.listedOn");
  await cypher("MATCH (e:Entity) REMOVE e:Notable, e.aliasKeyText");
  await cypher("MATCH ()-[r:BUILDS_ON]->() REMOVE r.byTarget, r.bySource");
  await cypher("MATCH ()-[a:ABOUT]->() REMOVE a.byTopic");
  await cypher("MATCH (m:TechtreeMeta) DELETE m");
  const stripped = await derived();
  expect(stripped.mentions).toEqual([]);
  await applySchemaInNewProcess();
  expect(await derived()).toEqual(before);
  // Recorded: a second run finds nothing to do and changes nothing.
  await applySchemaInNewProcess();
  expect(await derived()).toEqual(before);
});

test("a graph a newer techtree migrated is refused by this one, with what to do, and left as it was", async () => {
  await db.wipe();
  await freshSeedGraph(db);
  await migrate(db);
  // What a later techtree leaves: a migration this one has never heard of.
  await cypher("MATCH (m:TechtreeMeta {id: 'graph'}) SET m.migrations = m.migrations + 'from-a-newer-techtree'");
  const before = await cypher("MATCH (n) RETURN count(n) AS n");
  await expect(migrate(db)).rejects.toThrow(
    "this graph was brought up to date by a newer techtree (migration from-a-newer-techtree, unknown to this one); writing it with this older techtree would leave data in a shape the newer one no longer reads. Use the newer techtree with this graph, or give this one a graph of its own (another TECHTREE_HOME, or NEO4J_URI)",
  );
  expect(await cypher("MATCH (n) RETURN count(n) AS n")).toEqual(before);
  await cypher("MATCH (m:TechtreeMeta {id: 'graph'}) SET m.migrations = [x IN m.migrations WHERE x <> 'from-a-newer-techtree']");
});

test("migrations report only what they ran: none on an empty database, the backfill on a graph of the old shape", async () => {
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  await db.wipe();
  // A brand-new store: nothing to migrate, so each is recorded and none reported as run.
  expect(await migrate(db, log)).toEqual([]);
  expect(lines).toEqual([]);
  expect(await cypher("MATCH (m:TechtreeMeta {id: 'graph'}) RETURN m.migrations AS names")).toEqual([{ names: MIGRATIONS.map((m) => m.name) }]);
  // A graph written before Paper.listedOn existed: that migration runs and is reported.
  await freshSeedGraph(db);
  await migrate(db);
  await cypher("MATCH (p:Paper) REMOVE p.listedOn");
  await cypher("MATCH (m:TechtreeMeta) SET m.migrations = [x IN m.migrations WHERE x <> 'paper-listed-on']");
  expect(await migrate(db, log)).toEqual(["paper-listed-on"]);
  expect(await cypher("MATCH (p:Paper) WHERE p.listedOn IS NOT NULL RETURN count(p) > 0 AS some")).toEqual([{ some: true }]);
  // Recorded: nothing runs the second time.
  expect(await migrate(db, log)).toEqual([]);
});
