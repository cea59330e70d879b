// Topics on the seed: recomputed from the real graph, stored as :Topic nodes with ABOUT edges,
// recognisable to an ML engineer, and served with the explorer's graph fields over GraphQL.
import { createApollo } from "../../src/api/server";
import { createContext } from "../../src/api/context";
import { readConfig } from "../../src/config";
import type { Db } from "../../src/graph/db";
import { recomputeTopics, type TopicSummary } from "../../src/topics/recompute";
import { ingestText } from "../../src/api/ingest-text";
import { refreshDerived } from "../../src/derived/refresh";
import { freshSeedGraph, testDb } from "../helpers/neo4j";

let db: Db;
let topics: TopicSummary[];
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
  await freshSeedGraph(db);
  await db.applySchema();
  topics = await recomputeTopics(db);
});

afterAll(async () => {
  await apollo.stop();
  await db.close();
});

test("the seed falls into recognisable ML topics", () => {
  const names = topics.map((t) => `${t.name} ${t.entities.join(" ")}`.toLowerCase());
  const has = (re: RegExp) => names.some((n) => re.test(n));
  expect(topics.length).toBeGreaterThanOrEqual(8);
  expect(topics.length).toBeLessThanOrEqual(25);
  expect(has(/flashattention|attention/)).toBe(true);
  expect(has(/retriev|re-ranking|passage/)).toBe(true);
  expect(has(/speech|fastspeech/)).toBe(true);
  expect(has(/quantization/)).toBe(true);
  expect(has(/speculative decoding/)).toBe(true);
  expect(has(/communication|distributed|parallel/)).toBe(true);
  expect(topics.reduce((s, t) => s + t.size, 0)).toBe(112);
});

test("FlashAttention papers share a topic; every paper is ABOUT at least one topic", async () => {
  const r = await query(`{
    fa: paper(title: "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness") { topics { id name } }
    fa2: paper(title: "FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning") { topics { id } }
    stats { papers }
  }`);
  expect(r.errors).toBeUndefined();
  expect(r.data.fa.topics[0].id).toBe(r.data.fa2.topics[0].id);
  const missing = await db.readTx(async (tx) => (await tx.run("MATCH (p:Paper) WHERE NOT coalesce(p.stub, false) AND NOT (p)-[:ABOUT]->(:Topic) RETURN count(p) AS n")).records[0]!.get("n").toNumber());
  expect(missing).toBe(0);
});

test("Query.topics lists topics with papers and member entities; recomputing is stable", async () => {
  const r = await query(`{ topics(first: 50) { id name size entities terms papers(first: 3) { title } members(first: 5) { name } } }`);
  expect(r.errors).toBeUndefined();
  expect(r.data.topics.map((t: any) => t.id)).toEqual(topics.map((t) => t.id));
  const attention = r.data.topics.find((t: any) => t.members.some((m: any) => m.name === "FlashAttention"));
  expect(attention).toBeDefined();
  expect(attention.papers.length).toBe(3);
  expect(await recomputeTopics(db)).toEqual(topics);
});

test("entityNames autocompletes: prefix matches first", async () => {
  const r = await query(`{ entityNames(prefix: "flash", first: 5) { name } }`);
  expect(r.errors).toBeUndefined();
  const names = r.data.entityNames.map((e: any) => e.name);
  expect(names.slice(0, 2).sort()).toEqual(["FlashAttention", "FlashAttention-2"]);
});

test("neighbourhood of FlashAttention: lineage with depths, papers, evidence offsets into the abstract", async () => {
  const r = await query(`{ neighbourhood(name: "flash attention", depth: 2) {
    root { id label kind depth topic { name } }
    nodes { id label kind depth }
    edges { source target type evidence { sentence field start end paper { id abstract title } } }
  } }`);
  expect(r.errors).toBeUndefined();
  const n = r.data.neighbourhood;
  expect(n.root).toMatchObject({ label: "FlashAttention", kind: "Technique", depth: 0 });
  expect(n.root.topic.name).toBeTruthy();
  const node = (label: string) => n.nodes.find((x: any) => x.label === label);
  expect(node("FlashAttention-2").depth).toBe(1);
  expect(node("GEB-1.3B").depth).toBe(2);
  expect(n.nodes.some((x: any) => x.kind === "Paper")).toBe(true);
  expect(n.nodes.some((x: any) => x.kind === "Hardware")).toBe(true);
  const fa2 = n.edges.find((e: any) => e.type === "BUILDS_ON" && e.source === node("FlashAttention-2").id && e.target === n.root.id);
  expect(fa2.evidence.length).toBeGreaterThan(0);
  for (const ev of fa2.evidence) {
    const text = ev.field === "title" ? ev.paper.title : ev.paper.abstract;
    expect(text.slice(ev.start, ev.end)).toBe(ev.sentence);
  }
  const ids = new Set(n.nodes.map((x: any) => x.id));
  for (const e of n.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
});

test("evidence { paper { id title } } (the explorer's, read brief) names the same papers as a selection that needs the whole paper", async () => {
  const view = (paper: string) => query(`{ neighbourhood(name: "FlashAttention", depth: 2) { edges { id evidence { sentence paper { ${paper} } } } } }`);
  const brief = await view("id title listingDate __typename");
  const whole = await view("id title listingDate __typename abstract");
  expect(brief.errors).toBeUndefined();
  expect(whole.errors).toBeUndefined();
  const papers = (r: any) => r.data.neighbourhood.edges.flatMap((e: any) => e.evidence.map((ev: any) => ({ id: ev.paper.id, title: ev.paper.title, listingDate: ev.paper.listingDate, t: ev.paper.__typename })));
  expect(papers(brief).length).toBeGreaterThan(0);
  expect(papers(brief)).toEqual(papers(whole));
  expect(whole.data.neighbourhood.edges.flatMap((e: any) => e.evidence).every((ev: any) => typeof ev.paper.abstract === "string")).toBe(true);
});

test("neighbourhood of a paper: its facts and topic; bad arguments are BAD_USER_INPUT", async () => {
  const fa = await query(`{ paper(title: "FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning") { id } }`);
  const r = await query(`query($id: ID) { neighbourhood(id: $id) { root { kind label topic { id } } edges { type } } }`, { id: fa.data.paper.id });
  expect(r.errors).toBeUndefined();
  expect(r.data.neighbourhood.root.kind).toBe("Paper");
  expect(r.data.neighbourhood.edges.map((e: any) => e.type)).toEqual(expect.arrayContaining(["INTRODUCES", "EVALUATED_ON"]));
  expect((await query(`{ neighbourhood(name: "no such thing at all") { root { id } } }`)).data.neighbourhood).toBeNull();
  const bad = await query(`{ neighbourhood(name: "FlashAttention", depth: 9) { root { id } } }`);
  expect(bad.errors[0].extensions.code).toBe("BAD_USER_INPUT");
});

test("a new paper joins its topic at ingest; when more than a fifth of the papers are new, topics are recomputed", async () => {
  const before = await db.read<{ topic: { id: string; size: number } }>("read/topics", { first: 200 });
  const fa = (await query(`{ paper(title: "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness") { topics { id } } }`)).data.paper.topics[0].id;
  const text = `Apr 2, 2025

TileFlash: IO-Aware Exact Attention Kernels with Tiling

We present TileFlash, an IO-aware exact attention algorithm that builds on FlashAttention and FlashAttention-2. TileFlash uses tiling to reduce memory reads and writes between GPU high bandwidth memory and on-chip SRAM, and runs 1.3x faster than FlashAttention-2 on A100 GPUs.
`;
  const report = await ingestText(db, text);
  expect(report.created).toBe(1);
  const refresh = await refreshDerived(db);
  expect(refresh).toMatchObject({ topics: "placed", count: 1 });
  const placed = (await query(`{ paper(title: "TileFlash: IO-Aware Exact Attention Kernels with Tiling") { topics { id size } } }`)).data.paper.topics;
  expect(placed).toHaveLength(1);
  expect(placed[0].id).toBe(fa);
  const sizes = new Map(before.map((t) => [t.topic.id, t.topic.size]));
  expect(placed[0].size).toBe(sizes.get(fa)! + 1);
  // Nothing new: nothing to do. A forced recompute takes the paper in as well.
  expect((await refreshDerived(db)).topics).toBe("unchanged");
  expect((await refreshDerived(db, "recompute")).topics).toBe("recomputed");
  const [coverage] = await db.read<{ papers: number; placed: number }>("read/topic-coverage");
  expect(coverage).toMatchObject({ papers: 113, placed: 113 });

  const many = ["Apr 3, 2025", ""];
  for (let i = 1; i <= 25; i++) many.push(`Sparse Kernels ${i}: Faster Attention on GPUs`, "", `We introduce SparseKernel-${i}, an attention kernel that builds on FlashAttention and runs on H100 GPUs.`, "");
  expect((await ingestText(db, many.join("\n"))).created).toBe(25);
  expect(await refreshDerived(db)).toMatchObject({ topics: "recomputed" });
  const [after] = await db.read<{ papers: number; placed: number }>("read/topic-coverage");
  expect(after).toMatchObject({ papers: 138, placed: 138 });
});
