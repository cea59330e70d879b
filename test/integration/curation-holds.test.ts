// Corrections that hold under real use, against a real Neo4j: a correction whose follow-up refresh
// of the derived data fails is still answered as made (with a warning), and the next ingest repairs
// the derived data; a merge onto an entity that already holds the same fact keeps both trails, so
// undo finds what to give back; an ingest that re-extracts a paper while a correction runs does not
// bring back a rejected fact or write onto a merged-away entity, nor deadlock with it.
import * as path from "node:path";
import * as graph from "../../src/graph/db";
import type { Db } from "../../src/graph/db";
import { ingestFiles } from "../../src/ingest/ingest";
import { testDb, wipe } from "../helpers/neo4j";
import { createApollo } from "../../src/api/server";
import { inProcessClient, rows } from "../helpers/graphql";
import { readConfig, type Config } from "../../src/config";
import { derivedCurrent, refreshAfterRun, refreshDerived } from "../../src/derived/refresh";
import { Curator } from "../../src/curation/curate";
import type { StatementName } from "../../src/graph/statements";
import { refreshVariants } from "../../src/derived/variants";
import { recomputeTopics } from "../../src/topics/recompute";
import { nameKey } from "../../src/domain";

const KEY = "curation-key-0123456789";
const PAGE = path.join(__dirname, "..", "fixtures", "sources", "page.txt");
const config: Config = readConfig({ NODE_ENV: "test", TECHTREE_API_KEY: KEY, TECHTREE_API_KEY_NAME: "alice" });
let db: Db;
let apollo: ReturnType<typeof createApollo>;

const { gql, ok } = inProcessClient(() => apollo, () => db, config, KEY);
const q = <T>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> => rows<T>(db, cypher, params);

/** Makes every paper's facts look written by an older extractor, so the next ingest re-extracts them. */
async function olderExtractor(ids?: string[]): Promise<void> {
  await db.writeTx(async (tx) => { await tx.run("MATCH (p:Paper) WHERE $ids IS NULL OR p.id IN $ids SET p.extractorVersion = 'older'", { ids: ids ?? null }); });
}

beforeEach(async () => {
  await wipe(db);
  await ingestFiles(db, [PAGE]);
  await refreshDerived(db);
});

beforeAll(async () => {
  db = testDb();
  apollo = createApollo(config);
  await apollo.start();
});

afterAll(async () => {
  await apollo?.stop();
  await db?.close();
});

afterEach(() => jest.restoreAllMocks());

test("a correction whose refresh of the derived data fails is answered as made, with a warning, once; the next ingest refreshes them though it writes nothing", async () => {
  const [ent] = await q<{ id: string }>("MATCH (e:Technique) RETURN e.id AS id ORDER BY COUNT { (e)<-[:MENTIONS]-() } DESC, e.id LIMIT 1");
  expect(await derivedCurrent(db, "auto")).toBe(true);
  // The refresh's first write fails, as it would with Neo4j gone or a lock held past the timeout.
  const write = db.writeInTurn.bind(db);
  jest.spyOn(db, "writeInTurn").mockImplementation(((name: string, ...rest: unknown[]) => {
    if (name === "write/settle-notable") return Promise.reject(new Error("Neo4j went away"));
    return (write as (...a: unknown[]) => Promise<unknown[]>)(name, ...rest);
  }) as typeof db.writeInTurn);
  const r = await gql(`mutation($id: ID!) { renameEntity(id: $id, name: "zeta curated name") { id name undone warning } }`, { id: ent!.id });
  expect(r.errors).toBeUndefined();
  expect(r.data!.renameEntity).toMatchObject({ name: "zeta curated name", undone: false, warning: expect.stringMatching(/correction is made.*Do not repeat/s) });
  expect(await q("MATCH (c:Curation) RETURN c.id")).toHaveLength(1);
  expect(await q<{ name: string }>("MATCH (e:Entity {id: $id}) RETURN e.name AS name", { id: ent!.id })).toEqual([{ name: "zeta curated name" }]);
  // Read back from the list, the correction carries no warning: that was the answer's.
  expect((await ok("{ curations(first: 1) { nodes { id warning } } }")).curations.nodes).toEqual([{ id: r.data!.renameEntity.id, warning: null }]);
  jest.restoreAllMocks();

  // A rename changes no count, so only the correction's own mark tells the next run the derived data lag.
  expect(await derivedCurrent(db, "auto")).toBe(false);
  const again = await ingestFiles(db, [PAGE]);
  expect(again.created + again.updated).toBe(0);
  expect(await refreshAfterRun(db, { created: 0, updated: 0, interrupted: false }, "auto")).toMatchObject({ refreshed: true });
  expect(await derivedCurrent(db, "auto")).toBe(true);

  // With the refresh working, the answer has no warning.
  const undone = (await ok(`mutation($id: ID!) { undoCuration(id: $id) { undone warning } }`, { id: r.data!.renameEntity.id })).undoCuration;
  expect(undone).toEqual({ undone: true, warning: null });
});

/** Whether some transaction is waiting for a lock another holds. */
async function blockedTransactions(): Promise<number> {
  const session = db.driver.session({ database: db.database });
  try {
    const r = await session.run("SHOW TRANSACTIONS YIELD status WHERE status STARTS WITH 'Blocked' RETURN count(*) AS n");
    return Number(r.records[0]!.get("n"));
  } finally {
    await session.close();
  }
}

async function until(what: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Holds the transaction that runs `statement` (through graph's `fn`) just after it ran, until
 * `release`; `reached` resolves when it got there. Later runs of the statement pass once released.
 */
function holdAfter(fn: "run" | "runCounted", statement: StatementName): { reached: Promise<void>; release: () => void } {
  const real = graph[fn] as (tx: graph.Tx, name: StatementName, params?: graph.Params) => Promise<unknown>;
  let release!: () => void;
  const released = new Promise<void>((r) => { release = r; });
  let hit!: () => void;
  const reached = new Promise<void>((r) => { hit = r; });
  (jest.spyOn(graph, fn) as jest.SpyInstance).mockImplementation(async (tx: graph.Tx, name: StatementName, params?: graph.Params) => {
    const out = await real(tx, name, params);
    if (name === statement) { hit(); await released; }
    return out;
  });
  return { reached, release };
}

test("an ingest re-extracting a paper while a rejection and a merge run brings back neither the rejected fact nor the merged-away entity", async () => {
  // A paper with two facts on two entities: one fact to reject, one whose entity is merged away.
  const [t] = await q<{ paper: string; reject: string; from: string; into: string }>(`
    MATCH (p:Paper)-[r1:USES|COMPARES_TO|EVALUATED_ON]->(x:Entity), (p)-[r2:USES|COMPARES_TO|EVALUATED_ON|INTRODUCES]->(a:Technique)
    WHERE x <> a
    MATCH (b:Technique) WHERE b <> a AND b <> x AND NOT (p)-[:MENTIONS]->(b)
    RETURN p.id AS paper, r1.factId AS reject, a.id AS from, b.id AS into
    ORDER BY COUNT { (a)<-[:MENTIONS]-() }, COUNT { (b)<-[:MENTIONS]-() }, p.id, r1.factId, a.id, b.id LIMIT 1`);
  await olderExtractor([t!.paper]);
  // As in a graph no correction touched yet: the lock must hold for the first correction too.
  await db.writeTx(async (tx) => { await tx.run("MATCH (l:CurationLock) DELETE l"); });

  // The ingest's write of the paper stops just after it has read the corrections to apply (its
  // transaction open), the moment a correction can commit before the ingest writes what it read.
  const { reached, release } = holdAfter("runCounted", "write/find-curations");
  const ingest = ingestFiles(db, [PAGE]);
  await reached;
  const curator = new Curator(db, "alice");
  const corrections = (async () => [await curator.rejectFact(t!.reject, "wrong"), await curator.mergeEntities(t!.into, t!.from, "same")])();
  // Either the corrections are made while the ingest is between its read and its write, or they wait for it.
  await Promise.race([corrections, until(async () => (await blockedTransactions()) > 0)]);
  release();
  expect((await ingest).updated).toBe(1);
  await corrections;

  expect(await q("MATCH ()-[r]->() WHERE r.factId = $f RETURN r.factId", { f: t!.reject })).toEqual([]);
  expect(await q("MATCH (e:Entity {id: $id}) RETURN e.id", { id: t!.from })).toEqual([]);
  expect(await q("MATCH (:Paper {id: $p})-[:MENTIONS]->(e:Entity {id: $id}) RETURN e.id", { p: t!.paper, id: t!.into })).toHaveLength(1);
});

// A rejection on paper q and the derived-data transaction of a batch that re-extracted paper p, where
// p cites q by inference. The batch holds p (write/settle-papers) and then re-infers p's citations,
// which needs q; the rejection holds q (mutation/curation-delete-fact) and then re-infers q's, which
// needs p. Stepped so that both hold their first lock before either asks for its second.
test("a correction and an ingest batch's derived-data transaction take their locks in one order: neither deadlocks the other", async () => {
  // q has a fact the citation does not come from, to reject.
  const [t] = await q<{ p: string; q: string; reject: string }>(`
    MATCH (p:Paper)-[:CITES {inferred: true}]->(q:Paper)-[r:USES|COMPARES_TO|EVALUATED_ON]->(:Entity)
    RETURN p.id AS p, q.id AS q, r.factId AS reject ORDER BY p, q, reject LIMIT 1`);
  expect(t).toBeDefined();
  await olderExtractor([t!.p]);
  const lines: string[] = [];
  const logged = testDb({ log: (l) => lines.push(l) });
  try {
    // The batch's derived-data transaction stops once it has marked p settled (p's lock held).
    const { reached, release } = holdAfter("run", "write/settle-papers");
    const ingest = ingestFiles(logged, [PAGE]);
    await reached;
    const rejection = new Curator(logged, "alice").rejectFact(t!.reject, "wrong");
    // The rejection runs until it waits for a lock the batch holds (p's, or in one order the first).
    await Promise.race([rejection, until(async () => (await blockedTransactions()) > 0)]);
    release();
    expect((await ingest).updated).toBe(1);
    await rejection;
    // Neither was a deadlock victim (Neo4j picks one; it is retried, and each retry logs a line).
    expect(lines.filter((l) => /Deadlock/.test(l))).toEqual([]);
  } finally {
    await logged.close();
  }
  expect(await q("MATCH ()-[r]->() WHERE r.factId = $f RETURN r.factId", { f: t!.reject })).toEqual([]);
  expect(await q("MATCH (:Paper {id: $p})-[c:CITES {inferred: true}]->(:Paper {id: $q}) RETURN c.inferred", { p: t!.p, q: t!.q })).toHaveLength(1);
});

// The refresh of the derived data after every ingest and correction (src/derived/refresh.ts)
// replaces every VARIANT_OF edge (write/replace-variants), locking the graph's metadata node and
// then the entities at both ends; a correction locks its papers and entities first and the metadata
// node last (write/mark-derived, as it commits). Stepped so that the rejection holds the entity a
// variant edge needs before the replacement asks for it, and then asks for the metadata node.
test("a correction and the derived refresh's replacement of variant edges take their locks in one order: neither deadlocks the other", async () => {
  // An entity with a fact to reject, and a size of it ("<name> 7B") for a variant edge to lead to it.
  const [t] = await q<{ reject: string; entity: string; name: string; kind: string }>(`
    MATCH (:Paper)-[r:USES|COMPARES_TO|EVALUATED_ON]->(e:Entity)
    RETURN r.factId AS reject, e.id AS entity, e.name AS name, e.kind AS kind ORDER BY reject LIMIT 1`);
  expect(t).toBeDefined();
  const variant = `${t!.entity}-7b`;
  await db.writeTx(async (tx) => {
    await tx.run("CREATE (v:Entity {id: $id, key: $key, name: $name, kind: $kind})", { id: variant, key: nameKey(`${t!.name} 7B`), name: `${t!.name} 7B`, kind: t!.kind });
  });
  const lines: string[] = [];
  const logged = testDb({ log: (l) => lines.push(l) });
  try {
    // The rejection stops once it has deleted the fact (the entity's lock held).
    const { reached, release } = holdAfter("run", "mutation/curation-delete-fact");
    const rejection = new Curator(logged, "alice").rejectFact(t!.reject, "wrong");
    await reached;
    const variants = refreshVariants(logged);
    // The replacement runs until it waits for a lock the rejection holds (the entity, or in one order the first).
    await Promise.race([variants, until(async () => (await blockedTransactions()) > 0)]);
    release();
    await rejection;
    expect(await variants).toBeGreaterThanOrEqual(1);
    expect(lines.filter((l) => /Deadlock/.test(l))).toEqual([]);
  } finally {
    await logged.close();
  }
  expect(await q("MATCH ()-[r]->() WHERE r.factId = $f RETURN r.factId", { f: t!.reject })).toEqual([]);
  expect(await q("MATCH (:Entity {id: $v})-[:VARIANT_OF]->(e:Entity {id: $e}) RETURN e.id", { v: variant, e: t!.entity })).toHaveLength(1);
});

// The refresh of the derived data settles the :Notable label of every entity whose label disagrees
// with its mentions (write/settle-notable), locking them in the order it finds them; a merge locks
// the entity it merges into and then the one it merges away. Stepped so that the merge holds the
// first while the settling holds the second (both left disagreeing, as concurrent writers can leave them).
test("a merge and the derived refresh's settling of :Notable labels take their locks in one order: neither deadlocks the other", async () => {
  // Two entities of a kind, the one to merge away found first by a scan of entities.
  const [t] = await q<{ into: string; from: string }>(`
    MATCH (a:Technique), (b:Technique) WHERE id(b) < id(a)
    RETURN a.id AS into, b.id AS from ORDER BY id(b), id(a) LIMIT 1`);
  expect(t).toBeDefined();
  await db.writeTx(async (tx) => {
    await tx.run(`MATCH (e:Entity) WHERE e.id IN [$a, $b]
      FOREACH (_ IN CASE WHEN e:Notable THEN [1] ELSE [] END | REMOVE e:Notable)
      FOREACH (_ IN CASE WHEN e:Notable THEN [] ELSE [1] END | SET e:Notable)`, { a: t!.into, b: t!.from });
  });
  const lines: string[] = [];
  const logged = testDb({ log: (l) => lines.push(l) });
  try {
    // The merge stops once it has set the merged entity's names (its lock held).
    const { reached, release } = holdAfter("run", "mutation/curation-set-entity");
    const merge = new Curator(logged, "alice").mergeEntities(t!.into, t!.from, "same");
    await reached;
    const refresh = refreshDerived(logged, "skip");
    // The settling runs until it waits for a lock the merge holds (the entity, or in one order the first).
    await Promise.race([refresh, until(async () => (await blockedTransactions()) > 0)]);
    release();
    await merge;
    await refresh;
    expect(lines.filter((l) => /Deadlock/.test(l))).toEqual([]);
  } finally {
    await logged.close();
  }
  expect(await q("MATCH (e:Entity {id: $id}) RETURN e.id", { id: t!.from })).toEqual([]);
  expect(await q(`MATCH (e:Entity) WHERE (COUNT { (e)<-[:MENTIONS]-() } >= 3) <> (e:Notable) RETURN e.id`)).toEqual([]);
});

// A recompute of topics (the refresh after an ingest that brought many papers, or `techtree topics`)
// writes papers' memberships (write/merge-paper-topics) in batches ordered by topic, locking those
// papers; a merge locks the papers whose facts it moves onto the entity it keeps, and then, re-inferring
// their citations, the papers they cite. Stepped so that the merge holds its papers first.
test("a merge and a recompute of topics take their locks in one order: neither deadlocks the other", async () => {
  const [t] = await q<{ into: string; from: string }>(`
    MATCH (a:Technique), (b:Technique) WHERE id(b) < id(a)
    RETURN a.id AS into, b.id AS from ORDER BY id(b), id(a) LIMIT 1`);
  expect(t).toBeDefined();
  const lines: string[] = [];
  const logged = testDb({ log: (l) => lines.push(l) });
  try {
    // The merge stops once it has moved the facts and set the kept entity's names.
    const { reached, release } = holdAfter("run", "mutation/curation-set-entity");
    const merge = new Curator(logged, "alice").mergeEntities(t!.into, t!.from, "same");
    await reached;
    const topics = recomputeTopics(logged);
    // The recompute runs until it waits for a lock the merge holds (a paper, or in one order the first).
    await Promise.race([topics, until(async () => (await blockedTransactions()) > 0)]);
    release();
    await merge;
    expect((await topics).length).toBeGreaterThan(0);
    expect(lines.filter((l) => /Deadlock/.test(l))).toEqual([]);
  } finally {
    await logged.close();
  }
  expect(await q("MATCH (e:Entity {id: $id}) RETURN e.id", { id: t!.from })).toEqual([]);
  const [about] = await q<{ n: number }>("MATCH (:Paper)-[a:ABOUT]->(:Topic) RETURN count(a) AS n");
  expect(about!.n).toBeGreaterThan(0);
});

// deletePaper (the API's mutation) removes a paper's facts and citations, then the paper and the
// entities left without a paper; a merge holds the entity it keeps (and the papers whose facts it
// moved there), then re-infers the citations of every paper mentioning that entity. Stepped so that
// the merge holds the entity, and the deletion the paper, before either asks for the other's.
test("a merge and deletePaper take their locks in one order: neither deadlocks the other", async () => {
  // A paper with a fact on the kept entity and an inferred citation, and an entity to merge into it.
  const [t] = await q<{ into: string; from: string; p: string }>(`
    MATCH (p:Paper)-[:USES|COMPARES_TO|EVALUATED_ON|INTRODUCES]->(a:Technique), (b:Technique)
    WHERE a <> b AND NOT (p)-->(b) AND EXISTS { (p)-[:CITES {inferred: true}]-() } AND EXISTS { (b)<-[:USES|INTRODUCES]-(:Paper) }
    RETURN a.id AS into, b.id AS from, p.id AS p ORDER BY p.id, a.id, b.id LIMIT 1`);
  expect(t).toBeDefined();
  const lines: string[] = [];
  const logged = testDb({ log: (l) => lines.push(l) });
  const api = inProcessClient(() => apollo, () => logged, config, KEY);
  try {
    // The merge stops once it has moved the facts and set the kept entity's names.
    const { reached, release } = holdAfter("run", "mutation/curation-set-entity");
    const merge = new Curator(logged, "alice").mergeEntities(t!.into, t!.from, "same");
    await reached;
    const deletion = api.gql(`mutation($id: ID!) { deletePaper(id: $id) { deleted } }`, { id: t!.p });
    // The deletion runs until it waits for a lock the merge holds (the entity, or in one order the first).
    await Promise.race([deletion, until(async () => (await blockedTransactions()) > 0)]);
    release();
    await merge;
    const r = await deletion;
    expect(r.errors).toBeUndefined();
    expect(r.data!.deletePaper).toEqual({ deleted: true });
    expect(lines.filter((l) => /Deadlock/.test(l))).toEqual([]);
  } finally {
    await logged.close();
  }
  expect(await q("MATCH (p:Paper {id: $p}) RETURN p.id", { p: t!.p })).toEqual([]);
  expect(await q("MATCH (e:Entity {id: $id}) RETURN e.id", { id: t!.from })).toEqual([]);
});

test("a merge onto an entity that already holds the same fact keeps both trails: undone, at once or after re-extraction, each entity has its fact back", async () => {
  // A paper with the same kind of fact on two entities of one kind.
  const [t] = await q<{ paper: string; fact: string; a: string; b: string }>(`
    MATCH (p:Paper)-[r1:USES|COMPARES_TO|EVALUATED_ON|INTRODUCES]->(a:Entity), (p)-[r2]->(b:Entity)
    WHERE type(r2) = type(r1) AND r2.fact = r1.fact AND a.kind = b.kind AND a.id < b.id
    RETURN p.id AS paper, r1.fact AS fact, a.id AS a, b.id AS b ORDER BY p.id, r1.fact, a.id, b.id LIMIT 1`);
  expect(t).toBeDefined();
  const onA = `${t!.paper}|${t!.fact}|${t!.a}`, onB = `${t!.paper}|${t!.fact}|${t!.b}`;
  const facts = async () => (await q<{ f: string }>("MATCH (:Paper {id: $p})-[r]->(:Entity) WHERE r.factId IN [$a, $b] RETURN r.factId AS f ORDER BY f", { p: t!.paper, a: onA, b: onB })).map((r) => r.f);
  expect(await facts()).toEqual([onA, onB].sort());
  const merge = `mutation($i: ID!, $f: ID!) { mergeEntities(into: $i, from: $f) { id } }`;
  const undo = `mutation($id: ID!) { undoCuration(id: $id) { undone } }`;

  // Merged, the two facts are one, on b; undone, each entity has its own again.
  const first = (await ok(merge, { i: t!.b, f: t!.a })).mergeEntities;
  expect(await facts()).toEqual([onB]);
  await ok(undo, { id: first.id });
  expect(await facts()).toEqual([onA, onB].sort());

  // The same after the paper was extracted again under the merge (the write path makes the one edge).
  const second = (await ok(merge, { i: t!.b, f: t!.a })).mergeEntities;
  await olderExtractor([t!.paper]);
  expect((await ingestFiles(db, [PAGE])).updated).toBe(1);
  expect(await facts()).toEqual([onB]);
  await ok(undo, { id: second.id });
  expect(await facts()).toEqual([onA, onB].sort());
});
