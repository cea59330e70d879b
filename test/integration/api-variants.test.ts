// VARIANT_OF over the GraphQL API, on the seed over real HTTP: a size of a model (Llama-2-7B) is a
// variant of the model (Llama 2; src/derived/variants.ts). Entity.variants / variantOf show the
// edges, and the paper fields of an entity, and papersConnection's entity filters, count the papers
// of its variants too unless includeVariants is false. Expected papers are read from Neo4j with
// plain Cypher, independently of the API's statements.
import { startServer, type RunningServer } from "../../src/api/server";
import { readConfig } from "../../src/config";
import { run, type Db } from "../../src/graph/db";
import { refreshVariants } from "../../src/derived/variants";
import { freshSeedGraph, testDb } from "../helpers/neo4j";
import { dataOf, gqlClient } from "./api-http";

let db: Db;
let server: RunningServer;
let gql: ReturnType<typeof gqlClient>;

beforeAll(async () => {
  db = testDb();
  await freshSeedGraph(db);
  server = await startServer(db, readConfig({ NODE_ENV: "test", PORT: "0" }), () => {});
  gql = gqlClient(server.url);
});

afterAll(async () => {
  await server?.stop();
  await db?.close();
});

const cypher = <T>(text: string, params: Record<string, unknown> = {}) =>
  db.readTx(async (tx) => (await tx.run(text, params)).records.map((r) => r.toObject() as T));

/** Titles of the papers that mention the entity, and with `variants` those that mention a variant of it. */
async function titlesOf(id: string, variants: boolean): Promise<string[]> {
  const rows = await cypher<{ title: string }>(
    `MATCH (p:Paper)-[:MENTIONS]->(x:Entity)
     WHERE x.id = $id OR ($variants AND EXISTS { (x)-[:VARIANT_OF]->(:Entity {id: $id}) })
     RETURN DISTINCT p.title AS title`, { id, variants });
  return rows.map((r) => r.title).sort();
}

const byTitle = (titles: string[]) => [...titles].sort();

test("the seed holds what these tests need: Llama 2 with three sizes, some of whose papers do not name Llama 2", async () => {
  const sizes = await cypher<{ name: string }>("MATCH (v)-[:VARIANT_OF]->(:Entity {id: 'model:llama2'}) RETURN v.name AS name");
  expect(sizes.length).toBe(3);
  expect((await titlesOf("model:llama2", true)).length).toBeGreaterThan((await titlesOf("model:llama2", false)).length);
});

test("Entity.variants lists a model's sizes and Entity.variantOf names the model a size belongs to", async () => {
  const d = dataOf(await gql(`{
    base: model(name: "Llama 2") { name variantOf { name } variants { __typename id name variantOf { name } } }
    size: model(name: "Llama-2-7B") { name variantOf { __typename id name } variants { name } }
    other: technique(name: "FlashAttention") { variantOf { name } variants { name } }
  }`));
  const expected = await cypher<{ id: string; name: string }>("MATCH (v)-[:VARIANT_OF]->(:Entity {id: 'model:llama2'}) RETURN v.id AS id, v.name AS name ORDER BY v.key");
  expect(d.base.variantOf).toBeNull();
  expect(d.base.variants).toEqual(expected.map((v) => ({ __typename: "Model", ...v, variantOf: { name: "Llama 2" } })));
  expect(d.size.name).toBe("Llama-2 7B");
  expect(d.size.variantOf).toEqual({ __typename: "Model", id: "model:llama2", name: "Llama 2" });
  expect(d.size.variants).toEqual([]);
  // Versions are not variants: FlashAttention-2 is no size of FlashAttention.
  expect(d.other).toEqual({ variantOf: null, variants: [] });
});

test("a model's papers, paper count and timeline include its sizes' papers by default, each paper once; includeVariants: false gives its own", async () => {
  const d = dataOf(await gql(`{ model(name: "Llama 2") {
    all: papers { title }
    own: papers(includeVariants: false) { title }
    allPage: papersConnection(first: 100) { totalCount nodes { title } }
    ownPage: papersConnection(first: 100, includeVariants: false) { totalCount nodes { title } }
    allDays: timeline { date papers }
    ownDays: timeline(includeVariants: false) { date papers }
  } }`)).model;
  const withSizes = await titlesOf("model:llama2", true);
  const own = await titlesOf("model:llama2", false);
  expect(d.all.map((p: { title: string }) => p.title)).toEqual(byTitle(withSizes));
  expect(d.own.map((p: { title: string }) => p.title)).toEqual(byTitle(own));
  expect(d.allPage.totalCount).toBe(withSizes.length);
  expect(d.allPage.nodes.map((p: { title: string }) => p.title).sort()).toEqual(withSizes);
  expect(d.ownPage.totalCount).toBe(own.length);
  const dated = async (variants: boolean) => (await cypher<{ n: number }>(
    `MATCH (p:Paper)-[:MENTIONS]->(x:Entity)
     WHERE (x.id = 'model:llama2' OR ($variants AND EXISTS { (x)-[:VARIANT_OF]->(:Entity {id: 'model:llama2'}) })) AND p.listedOn IS NOT NULL
     RETURN count(DISTINCT p) AS n`, { variants }))[0]!.n;
  const sum = (points: { papers: number }[]) => points.reduce((n, p) => n + p.papers, 0);
  expect(sum(d.allDays)).toBe(Number(await dated(true)));
  expect(sum(d.ownDays)).toBe(Number(await dated(false)));
});

test("Entity.papersConnection pages through a model and its sizes without repeating a paper", async () => {
  const withSizes = await titlesOf("model:llama2", true);
  const seen: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 10; i++) {
    const c: any = dataOf(await gql(`query($after: String) { model(name: "Llama 2") { papersConnection(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { title } } } }`, { after })).model.papersConnection;
    expect(c.totalCount).toBe(withSizes.length);
    seen.push(...c.nodes.map((p: { title: string }) => p.title));
    if (!c.pageInfo.hasNextPage) break;
    after = c.pageInfo.endCursor;
  }
  expect(seen).toEqual(byTitle(withSizes));
});

test("a size has no variants: includeVariants changes nothing for it", async () => {
  const d = dataOf(await gql(`{ model(name: "Llama-2-7B") {
    a: papersConnection { totalCount } b: papersConnection(includeVariants: false) { totalCount }
  } }`)).model;
  expect(d.a.totalCount).toBe((await titlesOf("model:llama27b", false)).length);
  expect(d.b.totalCount).toBe(d.a.totalCount);
});

test("papersConnection's entity filters count a model's sizes too by default, as Entity.papersConnection does; filter.includeVariants: false names the entity alone", async () => {
  const withSizes = await titlesOf("model:llama2", true);
  const own = await titlesOf("model:llama2", false);
  const d = dataOf(await gql(`{
    all: papersConnection(filter: { model: "Llama 2" }, first: 100) { totalCount nodes { title } }
    own: papersConnection(filter: { model: "llama-2", includeVariants: false }, first: 100) { totalCount nodes { title } }
  }`));
  expect(d.all.totalCount).toBe(withSizes.length);
  expect(d.all.nodes.map((p: { title: string }) => p.title).sort()).toEqual(withSizes);
  expect(d.own.totalCount).toBe(own.length);
  expect(d.own.nodes.map((p: { title: string }) => p.title).sort()).toEqual(own);
});

test("a model filter that does not drive the query (another filter is rarer) still counts its sizes' papers", async () => {
  // A paper that names a size of Llama 2 but not Llama 2 itself, and a technique only that paper mentions.
  const [pick] = await cypher<{ title: string; technique: string }>(
    `MATCH (p:Paper)-[:MENTIONS]->(:Entity)-[:VARIANT_OF]->(b:Entity {id: 'model:llama2'})
     WHERE NOT (p)-[:MENTIONS]->(b)
     MATCH (p)-[:MENTIONS]->(t:Technique)
     WHERE COUNT { (t)<-[:MENTIONS]-() } = 1
     RETURN p.title AS title, t.name AS technique ORDER BY p.title, t.key LIMIT 1`);
  expect(pick).toBeDefined();
  const query = `query($t: String!, $v: Boolean) { papersConnection(filter: { technique: $t, model: "Llama 2", includeVariants: $v }) { totalCount nodes { title } } }`;
  const all = dataOf(await gql(query, { t: pick!.technique, v: true })).papersConnection;
  expect(all).toEqual({ totalCount: 1, nodes: [{ title: pick!.title }] });
  const own = dataOf(await gql(query, { t: pick!.technique, v: false })).papersConnection;
  expect(own).toEqual({ totalCount: 0, nodes: [] });
});

test("a size of a size counts for the model too (Llama-2-70B-32K -> Llama-2-70B -> Llama 2), while variants lists the direct sizes", async () => {
  // The seed has no such chain: three models and two papers of their own, removed afterwards.
  const model = (id: string, name: string) => ({ id, key: id.slice(id.indexOf(":") + 1), name, kind: "Model", aliases: [], aliasKeys: [] });
  const rows = [model("model:foolm", "FooLM"), model("model:foolm7b", "FooLM-7B"), model("model:foolm7b32k", "FooLM-7B-32K")];
  await db.writeTx((tx) => run(tx, "write/merge-entities", { rows, now: new Date().toISOString() }));
  await db.writeTx((tx) => tx.run(`
    UNWIND [['p_variants_chain_1', 'A paper on FooLM-7B-32K', 'model:foolm7b32k'], ['p_variants_chain_2', 'A paper on FooLM', 'model:foolm']] AS row
    CREATE (p:Paper {id: row[0], title: row[1], abstract: '', sourceFile: 'test', sourceLine: 1})
    WITH p, row MATCH (e:Entity {id: row[2]}) CREATE (p)-[:MENTIONS]->(e)`));
  try {
    await refreshVariants(db);
    const d = dataOf(await gql(`{ model(name: "FooLM") {
      variants { name variants { name } }
      papersConnection { totalCount nodes { title } }
      own: papersConnection(includeVariants: false) { totalCount }
    }
    papersConnection(filter: { model: "FooLM" }) { totalCount } }`));
    expect(d.model.variants).toEqual([{ name: "FooLM-7B", variants: [{ name: "FooLM-7B-32K" }] }]);
    expect(d.model.papersConnection).toEqual({ totalCount: 2, nodes: [{ title: "A paper on FooLM" }, { title: "A paper on FooLM-7B-32K" }] });
    expect(d.model.own.totalCount).toBe(1);
    expect(d.papersConnection.totalCount).toBe(2);
  } finally {
    await db.writeTx((tx) => tx.run("MATCH (n) WHERE n.id IN ['p_variants_chain_1', 'p_variants_chain_2', 'model:foolm', 'model:foolm7b', 'model:foolm7b32k'] DETACH DELETE n"));
    await refreshVariants(db);
  }
});

/** A paper of the test's own, with one edge of `type` to the entity `to`, removed by the caller. */
async function paperWith(id: string, title: string, type: "COMPARES_TO" | "EVALUATED_ON", to: string, claim: string | null = null): Promise<void> {
  await db.writeTx((tx) => tx.run(
    `CREATE (p:Paper {id: $id, title: $title, abstract: '', sourceFile: 'test', sourceLine: 1})
     WITH p MATCH (e:Entity {id: $to})
     CREATE (p)-[:MENTIONS]->(e)
     WITH p, e CALL (p, e) {
       WITH p, e WHERE $type = 'COMPARES_TO'
       CREATE (p)-[:COMPARES_TO {paper: $id, sentence: $title, rule: 'test', confidence: 1.0, factId: $id + '|COMPARES_TO|' + $to, claim: $claim}]->(e)
     }
     CALL (p, e) {
       WITH p, e WHERE $type = 'EVALUATED_ON'
       CREATE (p)-[:EVALUATED_ON {paper: $id, sentence: $title, rule: 'test', confidence: 1.0, factId: $id + '|EVALUATED_ON|' + $to}]->(e)
     }`, { id, title, type, to, claim }));
}

const removePapers = (ids: string[]) => db.writeTx((tx) => tx.run("MATCH (p:Paper) WHERE p.id IN $ids DETACH DELETE p", { ids }));

test("comparedIn of a model counts the papers comparing against its sizes by default, naming the size compared against; includeVariants: false the model alone", async () => {
  // The seed compares against few sizes: a paper of the test's own beats Llama-2-7B only.
  await paperWith("p_variants_cmp", "A paper that beats Llama-2-7B", "COMPARES_TO", "model:llama27b", "2x faster");
  try {
    const expected = async (variants: boolean) => (await cypher<{ title: string; entity: string }>(
      `MATCH (p:Paper)-[:COMPARES_TO]->(x:Entity)
       WHERE x.id = 'model:llama2' OR ($variants AND EXISTS { (x)-[:VARIANT_OF*1..3]->(:Entity {id: 'model:llama2'}) })
       RETURN p.title AS title, x.name AS entity ORDER BY p.title, x.key`, { variants }));
    const rows = (cs: { paper: { title: string }; entity: { name: string } }[]) => cs.map((c) => ({ title: c.paper.title, entity: c.entity.name }));
    // The default first, in a query of its own: it asks what a client written before the argument asks.
    const all = dataOf(await gql(`{ model(name: "Llama 2") { comparedIn { paper { title } entity { name } claim } } }`)).model.comparedIn;
    expect(all).toContainEqual({ paper: { title: "A paper that beats Llama-2-7B" }, entity: { name: "Llama-2 7B" }, claim: "2x faster" });
    expect(rows(all)).toEqual(await expected(true));
    const own = dataOf(await gql(`{ model(name: "Llama 2") { comparedIn(includeVariants: false) { paper { title } entity { name } } } }`)).model.comparedIn;
    expect(rows(own)).toEqual(await expected(false));
    expect(rows(own)).not.toContainEqual({ title: "A paper that beats Llama-2-7B", entity: "Llama-2 7B" });
  } finally {
    await removePapers(["p_variants_cmp"]);
  }
});

test("hardwareUsage folds a chip's sizes into it by default (no entry for the size, the chip counting its papers once each); includeVariants: false lists each", async () => {
  // The seed's chip sizes are aliases (A100-80GB is the A100 itself): a chip and a size of the
  // test's own, the size with two papers, one of which also names the chip, removed afterwards.
  const chip = (id: string, name: string) => ({ id, key: id.slice(id.indexOf(":") + 1), name, kind: "Hardware", aliases: [], aliasKeys: [] });
  await db.writeTx((tx) => run(tx, "write/merge-entities", { rows: [chip("hardware:foochip", "FooChip"), chip("hardware:foochip80gb", "FooChip-80GB")], now: new Date().toISOString() }));
  await paperWith("p_variants_hw_1", "A paper on FooChips", "EVALUATED_ON", "hardware:foochip");
  await paperWith("p_variants_hw_2", "A paper on FooChip-80GBs", "EVALUATED_ON", "hardware:foochip80gb");
  await paperWith("p_variants_hw_3", "A paper on FooChips and FooChip-80GBs", "EVALUATED_ON", "hardware:foochip");
  await db.writeTx((tx) => tx.run(`MATCH (p:Paper {id: 'p_variants_hw_3'}), (h:Hardware {id: 'hardware:foochip80gb'})
    CREATE (p)-[:MENTIONS]->(h), (p)-[:EVALUATED_ON {paper: p.id, sentence: p.title, rule: 'test', confidence: 1.0, factId: 'p_variants_hw_3|EVALUATED_ON|hardware:foochip80gb'}]->(h)`));
  try {
    await refreshVariants(db);
    // The default first, in a query of its own: it asks what a client written before the argument asks.
    const d = dataOf(await gql(`{
      all: hardwareUsage(first: 100) { hardware { name variants { name } } papers }
      other: hardwareUsage(category: OTHER, first: 100) { hardware { name } papers }
    }`));
    type Row = { hardware: { name: string }; papers: number };
    const papersOf = (rows: Row[], name: string) => rows.find((r) => r.hardware.name === name)?.papers;
    expect(d.all).toContainEqual({ hardware: { name: "FooChip", variants: [{ name: "FooChip-80GB" }] }, papers: 3 });
    expect(papersOf(d.all, "FooChip-80GB")).toBeUndefined();
    expect(papersOf(d.other, "FooChip")).toBe(3);
    expect(papersOf(d.other, "FooChip-80GB")).toBeUndefined();
    d.own = dataOf(await gql(`{ own: hardwareUsage(first: 100, includeVariants: false) { hardware { name } papers } }`)).own;
    expect(papersOf(d.own, "FooChip")).toBe(2);
    expect(papersOf(d.own, "FooChip-80GB")).toBe(2);
    // Chips without sizes count as before, and the list stays most used first.
    const degrees = await cypher<{ name: string; n: number }>("MATCH (h:Hardware) WHERE NOT h.id STARTS WITH 'hardware:foochip' RETURN h.name AS name, COUNT { (h)<-[:EVALUATED_ON]-() } AS n");
    for (const { name, n } of degrees) if (Number(n) > 0) expect(papersOf(d.all, name)).toBe(Number(n));
    const counts = d.all.map((r: Row) => r.papers);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  } finally {
    await removePapers(["p_variants_hw_1", "p_variants_hw_2", "p_variants_hw_3"]);
    await db.writeTx((tx) => tx.run("MATCH (h:Hardware) WHERE h.id IN ['hardware:foochip', 'hardware:foochip80gb'] DETACH DELETE h"));
    await refreshVariants(db);
  }
});

test("a model's lineage counts its sizes' by default (what builds on Llama-2-7B builds on Llama 2, what it builds on Llama 2 does), looked up by name or not; includeVariants: false the model alone", async () => {
  // The seed has no lineage through a size of Llama 2: a technique building on Llama-2-7B and one
  // Llama-2-7B builds on, stated by a paper of the test's own, removed afterwards.
  const technique = (id: string, name: string) => ({ id, key: id.slice(id.indexOf(":") + 1), name, kind: "Technique", aliases: [], aliasKeys: [] });
  await db.writeTx((tx) => run(tx, "write/merge-entities", { rows: [technique("technique:footune", "FooTune"), technique("technique:foobase", "FooBase")], now: new Date().toISOString() }));
  await db.writeTx((tx) => tx.run("CREATE (:Paper {id: 'p_variants_lin', title: 'FooTune tunes Llama-2-7B', abstract: '', sourceFile: 'test', sourceLine: 1})"));
  const hop = (from: string, to: string) => ({ from, to, paper: "p_variants_lin", props: { paper: "p_variants_lin", sentence: `${from} builds on ${to}.`, rule: "test", confidence: 1.0, factId: `p_variants_lin|BUILDS_ON|${from}|${to}` } });
  await db.write("write/merge-builds-on", { rows: [hop("technique:footune", "model:llama27b"), hop("model:llama27b", "technique:foobase")] });
  try {
    type Entry = { depth: number; entity: { name: string } };
    const names = (entries: Entry[]) => entries.map((e) => `${e.depth} ${e.entity.name}`);
    // Expected from plain Cypher: depth-1 neighbours of Llama 2 or its sizes, the sizes themselves left out.
    const expected = async (down: boolean, variants: boolean) => (await cypher<{ name: string }>(
      `MATCH (r:Entity) WHERE r.id = 'model:llama2' OR ($variants AND EXISTS { (r)-[:VARIANT_OF*1..3]->(:Entity {id: 'model:llama2'}) })
       WITH collect(r) AS roots UNWIND roots AS r
       MATCH (r)-[:BUILDS_ON]-(e:Entity)
       WHERE (CASE WHEN $down THEN EXISTS { (e)-[:BUILDS_ON]->(r) } ELSE EXISTS { (r)-[:BUILDS_ON]->(e) } END) AND NOT e IN roots
       RETURN DISTINCT e.name AS name, e.key AS key ORDER BY key`, { down, variants })).map((r) => `1 ${r.name}`);
    // Looked up with its one lineage field (the lookup reads the first level: read/lineage-down-from-name).
    const down = dataOf(await gql(`{ model(name: "Llama 2") { builtOnBy { depth entity { name } evidence { sentence } } } }`)).model.builtOnBy;
    expect(names(down)).toContain("1 FooTune");
    expect(names(down)).toEqual(await expected(true, true));
    expect(down.find((e: Entry) => e.entity.name === "FooTune").evidence).toEqual([{ sentence: "technique:footune builds on model:llama27b." }]);
    const up = dataOf(await gql(`{ model(name: "Llama 2") { buildsOn { depth entity { name } } } }`)).model.buildsOn;
    expect(names(up)).toContain("1 FooBase");
    expect(names(up)).toEqual(await expected(false, true));
    // Both fields at once: the entity is looked up alone and the walks read its sizes themselves.
    const both = dataOf(await gql(`{ model(name: "Llama 2") { builtOnBy { depth entity { name } } buildsOn { depth entity { name } } } }`)).model;
    expect(names(both.builtOnBy)).toEqual(await expected(true, true));
    expect(names(both.buildsOn)).toEqual(await expected(false, true));
    const own = dataOf(await gql(`{ model(name: "Llama 2") { builtOnBy(includeVariants: false) { depth entity { name } } buildsOn(includeVariants: false) { depth entity { name } } } }`)).model;
    expect(names(own.builtOnBy)).toEqual(await expected(true, false));
    expect(names(own.buildsOn)).toEqual(await expected(false, false));
    expect(names(own.builtOnBy)).not.toContain("1 FooTune");
  } finally {
    await db.writeTx((tx) => tx.run("MATCH (n) WHERE n.id IN ['p_variants_lin', 'technique:footune', 'technique:foobase'] DETACH DELETE n"));
  }
});

test("LLaMA's sizes are variants of LLaMA as Llama 2's are of Llama 2: a seed paper on LLaMA-7B names the size, whose papers count for LLaMA", async () => {
  // The vocabulary listed LLaMA-7B..65B as spellings of LLaMA, so such a paper showed LLaMA itself.
  const d = dataOf(await gql(`{
    size: model(name: "LLaMA-7B") { id name variantOf { name } papers(includeVariants: false) { title models { name } } }
    base: model(name: "LLaMA") { name variants { name } papers { title } }
  }`));
  expect(d.size).toMatchObject({ id: "model:llama7b", name: "LLaMA-7B", variantOf: { name: "LLaMA" } });
  expect(d.size.papers.length).toBeGreaterThan(0);
  for (const p of d.size.papers) expect(p.models).toContainEqual({ name: "LLaMA-7B" });
  expect(d.base.variants).toContainEqual({ name: "LLaMA-7B" });
  const all = d.base.papers.map((p: { title: string }) => p.title);
  for (const p of d.size.papers) expect(all).toContain(p.title);
  expect(all).toEqual(byTitle(await titlesOf("model:llama", true)));
});
