// The walking-skeleton acceptance queries, through Apollo against the real Neo4j holding the seed.
import { createApollo } from "../../src/api/server";
import { createContext } from "../../src/api/context";
import { readConfig } from "../../src/config";
import type { Db } from "../../src/graph/db";
import { ingestFiles } from "../../src/ingest/ingest";
import { freshSeedGraph, SEED, testDb } from "../helpers/neo4j";

let db: Db;
const config = readConfig({ NODE_ENV: "test" });
const apollo = createApollo(config);

async function query(q: string, variables?: Record<string, unknown>): Promise<any> {
  const res = await apollo.executeOperation({ query: q, variables }, { contextValue: createContext(db, config) });
  if (res.body.kind !== "single") throw new Error("unexpected incremental response");
  return res.body.singleResult;
}

beforeAll(async () => {
  db = testDb();
  await apollo.start();
  const report = await freshSeedGraph(db);
  expect(report.created).toBe(112);
});

afterAll(async () => {
  await apollo.stop();
  await db.close();
});

test("FlashAttention lineage: FlashAttention-2 at depth 1, GEB-1.3B at depth 2", async () => {
  const r = await query(`{ technique(name: "flash attention") { name builtOnBy(maxDepth: 3) { depth entity { name } evidence { sentence paper { title } } } } }`);
  expect(r.errors).toBeUndefined();
  const t = r.data.technique;
  expect(t.name).toBe("FlashAttention");
  const depthOf = (name: string) => t.builtOnBy.find((e: any) => e.entity.name === name)?.depth;
  expect(depthOf("FlashAttention-2")).toBe(1);
  expect(depthOf("GEB-1.3B")).toBe(2);
  const fa2 = t.builtOnBy.find((e: any) => e.entity.name === "FlashAttention-2");
  expect(fa2.evidence.length).toBeGreaterThan(0);
  expect(fa2.evidence[0].sentence).toMatch(/FlashAttention/);
});

test("who compares against vLLM: DeepSpeed-FastGen with its 2.3x claim", async () => {
  const r = await query(`{ technique(name: "vLLM") { comparedIn { paper { title } claim figure { value unit direction metric } evidence { sentence } } } }`);
  expect(r.errors).toBeUndefined();
  const hit = r.data.technique.comparedIn.find((c: any) => /DeepSpeed-FastGen/.test(c.paper.title));
  expect(hit).toBeDefined();
  expect(hit.claim).toMatch(/2\.3x/);
  expect(hit.figure).toEqual({ value: 2.3, unit: "x", direction: "HIGHER", metric: "throughput" });
  expect(hit.evidence.sentence).toMatch(/vLLM/);
});

test("a comparison's claim comes with its edge's evidence too (the explorer's view and panel)", async () => {
  const view = await query(`{ neighbourhood(name: "vLLM", depth: 1) { edges { id type evidence { claim paper { title } } } } }`);
  expect(view.errors).toBeUndefined();
  const edges: any[] = view.data.neighbourhood.edges;
  const fastGen = edges.find((e) => e.type === "COMPARES_TO" && e.evidence.some((ev: any) => /^DeepSpeed-FastGen/.test(ev.paper.title)));
  expect(fastGen.evidence[0].claim).toMatch(/2\.3x/);
  const opened = await query(`query($ids: [ID!]!) { graphEdges(ids: $ids) { evidence { claim } } }`, { ids: [fastGen.id] });
  expect(opened.data.graphEdges[0].evidence[0].claim).toBe(fastGen.evidence[0].claim);
  const others = edges.filter((e) => e.type !== "COMPARES_TO").flatMap((e) => e.evidence);
  expect(others.length).toBeGreaterThan(0);
  expect(others.every((ev: any) => ev.claim === null)).toBe(true);
});

test("papers that ran on A100s", async () => {
  const r = await query(`{ hardware(name: "a100") { name papers { title } } }`);
  expect(r.errors).toBeUndefined();
  const titles: string[] = r.data.hardware.papers.map((p: any) => p.title);
  for (const t of [/^FlashAttention-2/, /^SnapKV/, /^CO2/]) expect(titles.some((x) => t.test(x))).toBe(true);
});

test("A100-80GB in a query counts as A100", async () => {
  const r = await query(`{ hardware(name: "A100-80GB") { name } }`);
  expect(r.data.hardware?.name).toBe("A100");
});

test("full-text search finds KV cache compression papers", async () => {
  const r = await query(`{ papers(search: "KV cache compression", first: 5) { title } }`);
  expect(r.errors).toBeUndefined();
  const titles: string[] = r.data.papers.map((p: any) => p.title);
  expect(titles.length).toBeLessThanOrEqual(5);
  expect(titles.some((t) => /SnapKV|CacheGen/.test(t))).toBe(true);
});

test("stats: 112 papers, unchanged after ingesting the seed again", async () => {
  const before = (await query(`{ stats { papers techniques models datasets hardware relationships } }`)).data.stats;
  expect(before.papers).toBe(112);
  const report = await ingestFiles(db, [SEED]);
  expect(report.unchanged).toBe(112);
  const after = (await query(`{ stats { papers techniques models datasets hardware relationships } }`)).data.stats;
  expect(after).toEqual(before);
});

test("paper fields and lookup by title", async () => {
  const r = await query(`{ paper(title: "flashattention-2: faster attention with better parallelism and work partitioning") { id title introduces { name } buildsOn { name } hardware { name } } }`);
  expect(r.errors).toBeUndefined();
  expect(r.data.paper.introduces.map((e: any) => e.name)).toContain("FlashAttention-2");
  expect(r.data.paper.buildsOn.map((e: any) => e.name)).toContain("FlashAttention");
  expect(r.data.paper.hardware.map((e: any) => e.name)).toContain("A100");
});

test("unknown names answer null, bad arguments answer BAD_USER_INPUT", async () => {
  expect((await query(`{ technique(name: "no such thing at all") { name } }`)).data.technique).toBeNull();
  const bad = await query(`{ technique(name: "FlashAttention") { builtOnBy(maxDepth: 11) { depth } } }`);
  expect(bad.errors[0].extensions.code).toBe("BAD_USER_INPUT");
});
