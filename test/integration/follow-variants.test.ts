// Following a model or chip with sizes (VARIANT_OF: Llama-2-7B is a size of Llama 2): changes, the
// digest and the Atom feeds count a size's new papers as the model's, as its paper lists do
// (includeVariants, default true), each paper once, the fact naming the size; includeVariants: false
// (?includeVariants=false, --no-variants) follows the entity alone. So do corrections: a fact rejected
// on a size is news for who follows the model. On the seed over real HTTP;
// expected papers are read from Neo4j with plain Cypher, independently of the statements.
import { startServer, type RunningServer } from "../../src/api/server";
import { readConfig } from "../../src/config";
import { run, type Db } from "../../src/graph/db";
import { Curator } from "../../src/curation/curate";
import { refreshVariants } from "../../src/derived/variants";
import { readChanges } from "../../src/follow/changes";
import { digestMarkdown } from "../../src/follow/digest";
import { freshSeedGraph, testDb } from "../helpers/neo4j";
import { atomProblems, parseAtom } from "../helpers/atom";
import { dataOf, gqlClient } from "./api-http";

let db: Db;
let server: RunningServer;
let base: string;
let gql: ReturnType<typeof gqlClient>;

beforeAll(async () => {
  db = testDb();
  await freshSeedGraph(db);
  server = await startServer(db, readConfig({ NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1" }), () => {});
  base = `http://127.0.0.1:${server.port}`;
  gql = gqlClient(server.url);
});

afterAll(async () => {
  await server?.stop();
  await db?.close();
});

const cypher = <T>(text: string, params: Record<string, unknown> = {}) =>
  db.readTx(async (tx) => (await tx.run(text, params)).records.map((r) => r.toObject() as T));

/** Titles of the papers stored since `since` that mention the entity, and with `variants` one of its sizes. */
async function titlesSince(id: string, since: string, variants: boolean): Promise<string[]> {
  const rows = await cypher<{ title: string }>(
    `MATCH (p:Paper)-[:MENTIONS]->(x:Entity)
     WHERE p.addedAt >= datetime($since) AND (x.id = $id OR ($variants AND EXISTS { (x)-[:VARIANT_OF*1..3]->(:Entity {id: $id}) }))
     RETURN DISTINCT p.title AS title`, { id, since, variants });
  return rows.map((r) => r.title).sort();
}

/** A paper of the test's own, stored now, with one fact edge to `to` (USES a model, or EVALUATED_ON a chip). */
async function newPaper(id: string, title: string, type: "USES" | "EVALUATED_ON", to: string): Promise<void> {
  await db.writeTx((tx) => tx.run(
    `CREATE (p:Paper {id: $id, title: $title, abstract: '', sourceFile: 'test', sourceLine: 1, addedAt: datetime()})
     WITH p MATCH (e:Entity {id: $to})
     CREATE (p)-[:MENTIONS]->(e)
     WITH p, e CALL (p, e) {
       WITH p, e WHERE $type = 'USES'
       CREATE (p)-[:USES {paper: $id, sentence: $title, rule: 'test', confidence: 1.0, fact: 'models', factId: $id + '|USES|' + $to}]->(e)
     }
     CALL (p, e) {
       WITH p, e WHERE $type = 'EVALUATED_ON'
       CREATE (p)-[:EVALUATED_ON {paper: $id, sentence: $title, rule: 'test', confidence: 1.0, factId: $id + '|EVALUATED_ON|' + $to}]->(e)
     }`, { id, title, type, to }));
}

const removePapers = (ids: string[]) => db.writeTx((tx) => tx.run("MATCH (p:Paper) WHERE p.id IN $ids DETACH DELETE p", { ids }));

const EPOCH = "1970-01-01T00:00:00Z";

test("changes following Llama 2 counts the papers on its sizes too, each once, their facts naming the size; includeVariants: false the model alone", async () => {
  const withSizes = await titlesSince("model:llama2", EPOCH, true);
  const own = await titlesSince("model:llama2", EPOCH, false);
  expect(withSizes.length).toBeGreaterThan(own.length);
  const query = `query($v: Boolean) { changes(since: "${EPOCH}", follow: ["Llama 2"], includeVariants: $v) {
    followed { entity { name } papers facts { paper { title } source { name } target { name } } } } }`;
  type Fact = { paper: { title: string }; source: { name: string } | null; target: { name: string } };
  // The default first, in a query of its own: what a client written before the argument asks.
  const all = dataOf(await gql(`{ changes(since: "${EPOCH}", follow: ["Llama 2"]) { followed { papers facts { paper { title } source { name } target { name } } } } }`)).changes.followed[0];
  expect(all.papers).toBe(withSizes.length);
  expect([...new Set(all.facts.map((f: Fact) => f.paper.title))].sort()).toEqual(withSizes);
  const sizes = (await cypher<{ name: string }>("MATCH (v:Entity)-[:VARIANT_OF*1..3]->(:Entity {id: 'model:llama2'}) RETURN DISTINCT v.name AS name")).map((r) => r.name);
  expect(all.facts.some((f: Fact) => sizes.includes(f.target.name) || sizes.includes(f.source?.name ?? ""))).toBe(true);
  const ownAnswer = dataOf(await gql(query, { v: false })).changes.followed[0];
  expect(ownAnswer.papers).toBe(own.length);
  expect([...new Set(ownAnswer.facts.map((f: Fact) => f.paper.title))].sort()).toEqual(own);
  expect(dataOf(await gql(query, { v: true })).changes.followed[0].papers).toBe(withSizes.length);
});

test("a new paper on Llama-2-7B alone is news for who follows Llama 2: changes, the digest and the feeds list it as a use of the size", async () => {
  const since = new Date(Date.now() - 1000).toISOString();
  await newPaper("p_follow_size", "A new paper that fine-tunes Llama-2-7B", "USES", "model:llama27b");
  try {
    const query = `query($since: DateTime!, $v: Boolean) { changes(since: $since, follow: ["Llama 2"], includeVariants: $v) {
      followed { entity { name } papers usedIn { paper { title } target { name } } } } }`;
    const all = dataOf(await gql(query, { since, v: true })).changes.followed[0];
    expect(all).toEqual({ entity: { name: "Llama 2" }, papers: 1, usedIn: [{ paper: { title: "A new paper that fine-tunes Llama-2-7B" }, target: { name: "Llama-2 7B" } }] });
    expect(dataOf(await gql(query, { since, v: false })).changes.followed[0]).toEqual({ entity: { name: "Llama 2" }, papers: 0, usedIn: [] });

    // The digest (the CLI's read, Markdown): a use of the size, not hardware a paper about it runs on.
    const md = digestMarkdown(await readChanges(db, { since: new Date(since), follow: ["Llama 2"], first: 100 }));
    expect(md).toContain("### Llama 2 (model): 1 new paper");
    expect(md).toContain("- **A new paper that fine-tunes Llama-2-7B**\n  - The paper uses Llama-2 7B\n");
    const alone = { since: new Date(since), follow: ["Llama 2"], first: 100, includeVariants: false };
    const own = digestMarkdown(await readChanges(db, alone));
    expect(own).toContain("### Llama 2 (model): nothing new");

    // The model's feed and a follow feed: one entry, whose content states the use.
    for (const path of [`/feed/model/${encodeURIComponent("Llama 2")}.atom`, `/feed?follow=${encodeURIComponent("Llama 2")}`]) {
      const sep = path.includes("?") ? "&" : "?";
      const res = await fetch(`${base}${path}${sep}since=${encodeURIComponent(since)}`);
      expect(res.status).toBe(200);
      const xml = await res.text();
      const feed = await parseAtom(xml);
      expect(atomProblems(feed, xml)).toEqual([]);
      expect(feed.items.map((i) => i.title)).toEqual(["A new paper that fine-tunes Llama-2-7B"]);
      expect(feed.meta.description).toContain("sizes count as it (a paper on Llama-2-7B is news for Llama 2); ?includeVariants=false leaves them out.");
      expect(feed.items[0]!.description).toContain("The paper uses Llama-2 7B");
      expect(feed.items[0]!.description).not.toContain("Runs on");
      const ownFeed = await fetch(`${base}${path}${sep}since=${encodeURIComponent(since)}&includeVariants=false`);
      expect(ownFeed.status).toBe(200);
      const own = await parseAtom(await ownFeed.text());
      expect(own.items).toEqual([]);
      expect(own.meta.description).toContain("Sizes are left out (includeVariants=false)");
    }
    expect((await fetch(`${base}/feed/model/${encodeURIComponent("Llama 2")}.atom?includeVariants=maybe`)).status).toBe(400);
  } finally {
    await removePapers(["p_follow_size"]);
  }
});

test("a chip's feed lists the new papers that run on one of its sizes, as running on the size", async () => {
  // The seed's chip sizes are aliases (A100-80GB is the A100 itself): a chip and a size of the test's own.
  const chip = (id: string, name: string) => ({ id, key: id.slice(id.indexOf(":") + 1), name, kind: "Hardware", aliases: [], aliasKeys: [] });
  await db.writeTx((tx) => run(tx, "write/merge-entities", { rows: [chip("hardware:foochip", "FooChip"), chip("hardware:foochip80gb", "FooChip-80GB")], now: new Date().toISOString() }));
  const since = new Date(Date.now() - 1000).toISOString();
  await newPaper("p_follow_chip_1", "A paper on FooChips", "EVALUATED_ON", "hardware:foochip");
  await newPaper("p_follow_chip_2", "A paper on FooChip-80GBs", "EVALUATED_ON", "hardware:foochip80gb");
  try {
    await refreshVariants(db);
    const res = await fetch(`${base}/feed/hardware/FooChip.atom?since=${encodeURIComponent(since)}`);
    expect(res.status).toBe(200);
    const feed = await parseAtom(await res.text());
    expect(feed.items.map((i) => i.title).sort()).toEqual(["A paper on FooChip-80GBs", "A paper on FooChips"]);
    const size = feed.items.find((i) => i.title === "A paper on FooChip-80GBs")!;
    expect(size.description).toContain("The paper runs on FooChip-80GB");
    const d = dataOf(await gql(`query($since: DateTime!) { changes(since: $since, follow: ["FooChip"]) { followed { papers hardware { paper { title } target { name } } } } }`, { since })).changes.followed[0];
    expect(d.papers).toBe(2);
    // Newest first (the size's paper was stored last; on a tie, by title).
    expect(d.hardware).toEqual([
      { paper: { title: "A paper on FooChip-80GBs" }, target: { name: "FooChip-80GB" } },
      { paper: { title: "A paper on FooChips" }, target: { name: "FooChip" } },
    ]);
  } finally {
    await removePapers(["p_follow_chip_1", "p_follow_chip_2"]);
    await db.writeTx((tx) => tx.run("MATCH (h:Hardware) WHERE h.id IN ['hardware:foochip', 'hardware:foochip80gb'] DETACH DELETE h"));
    await refreshVariants(db);
  }
});

test("a fact rejected on a size of Llama 2 is news for who follows Llama 2: changes, the digest and the feeds list the correction; includeVariants: false the model alone", async () => {
  // A seed fact about one of Llama 2's sizes that another paper also mentions (so the size, and its VARIANT_OF edge, stay).
  const [fact] = await cypher<{ factId: string; size: string }>(
    `MATCH (p:Paper)-[r]->(x:Entity)-[:VARIANT_OF]->(:Entity {id: 'model:llama2'})
     WHERE r.factId IS NOT NULL AND COUNT { (x)<-[:MENTIONS]-() } > 1
     RETURN r.factId AS factId, x.name AS size ORDER BY r.factId LIMIT 1`);
  expect(fact).toBeDefined();
  const since = new Date(Date.now() - 1000).toISOString();
  const curator = new Curator(db, "alice");
  const rejected = await curator.rejectFact(fact!.factId, "not what the sentence says");
  try {
    const query = `query($since: DateTime!, $v: Boolean) { changes(since: $since, follow: ["Llama 2"], includeVariants: $v) {
      followed { entity { name } correctionCount corrections { effect curation { id } fact { target { name } } } } } }`;
    expect(dataOf(await gql(query, { since, v: null })).changes.followed[0]).toEqual({
      entity: { name: "Llama 2" }, correctionCount: 1,
      corrections: [{ effect: "REMOVED", curation: { id: rejected.id }, fact: { target: { name: fact!.size } } }],
    });
    expect(dataOf(await gql(query, { since, v: false })).changes.followed[0]).toEqual({ entity: { name: "Llama 2" }, correctionCount: 0, corrections: [] });

    // The digest reads it with changes; the feeds with read/entity-corrections.
    expect(digestMarkdown(await readChanges(db, { since: new Date(since), follow: ["Llama 2"], first: 100 }))).toContain("### Llama 2 (model): no new papers, 1 correction");
    expect(digestMarkdown(await readChanges(db, { since: new Date(since), follow: ["Llama 2"], first: 100, includeVariants: false }))).toContain("### Llama 2 (model): nothing new");
    for (const path of [`/feed/model/${encodeURIComponent("Llama 2")}.atom`, `/feed?follow=${encodeURIComponent("Llama 2")}`]) {
      const sep = path.includes("?") ? "&" : "?";
      const feed = await parseAtom(await (await fetch(`${base}${path}${sep}since=${encodeURIComponent(since)}`)).text());
      expect(feed.items.map((i) => i.guid)).toEqual([`urn:techtree:curation:${rejected.id}`]);
      expect(feed.items[0]!.title).toContain(fact!.size);
      const own = await parseAtom(await (await fetch(`${base}${path}${sep}since=${encodeURIComponent(since)}&includeVariants=false`)).text());
      expect(own.items).toEqual([]);
    }
  } finally {
    await curator.undo(rejected.id);
    await db.writeTx((tx) => tx.run("MATCH (c:Curation {id: $id}) DETACH DELETE c", { id: rejected.id }));
  }
});
