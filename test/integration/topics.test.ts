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
import { fetchNeighbourhood, FIRST_VIEW_PAPERS } from "../../src/export/neighbourhood";
import { walkLineage, type HopDetail, type KeyedEntity, type LineageWalk } from "../../src/graph/lineage";
import { statement, type StatementName } from "../../src/graph/statements";

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

test("entityNames lists each entity once: a long-tail name that starts with the prefix is not listed again as one that contains it", async () => {
  const r = await query(`{ entityNames(prefix: "flash", first: 10) { id name } }`);
  expect(r.errors).toBeUndefined();
  const ids: string[] = r.data.entityNames.map((e: any) => e.id);
  // FlashConv is mentioned by fewer than 3 papers (not Notable): found by the prefix tier, and its
  // key also contains "flash".
  expect(ids).toContain("technique:flashconv");
  expect(ids).toContain("technique:blocksparseflashattention");
  expect(new Set(ids).size).toBe(ids.length);
});

test("entityNames reads a plural that starts no name as its singular, as the look-ups do: typing A100s suggests A100", async () => {
  const r = await query(`{ plural: entityNames(prefix: "A100s", first: 5) { name } typed: entityNames(prefix: "flashattentions", first: 5) { name }
    alias: entityNames(prefix: "GPUs", first: 5) { name } none: entityNames(prefix: "zzzqqqs", first: 5) { name } }`);
  expect(r.errors).toBeUndefined();
  expect(r.data.plural.map((e: any) => e.name)).toContain("A100");
  expect(r.data.typed.map((e: any) => e.name)[0]).toBe("FlashAttention");
  // A plural that does start a name (GPU's alias GPUs) is read as typed.
  expect(r.data.alias.map((e: any) => e.name)).toContain("GPU");
  expect(r.data.none).toEqual([]);
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

test("a first view reads no sentences; an edge's sentences, read when asked (graphEdges, evidence), are those the view read whole", async () => {
  // The view as export reads it: every edge with every sentence, in one pass (the old inline read).
  const reader = {
    read: <T>(name: StatementName, params?: Record<string, unknown>) => db.read<T>(name, params),
    lineage: <E extends KeyedEntity, V>(direction: LineageWalk, ids: readonly string[], maxDepth: number, first: number, evidence?: HopDetail) =>
      db.readTx((tx) => walkLineage<E, V>(tx, direction, ids, maxDepth, first, evidence)),
  };
  const whole = (await fetchNeighbourhood(reader, { name: "FlashAttention", depth: 2, evidence: true }))!;
  const light = (await fetchNeighbourhood(reader, { name: "FlashAttention", depth: 2 }))!;
  expect(light.edges.map((e) => e.id)).toEqual(whole.edges.map((e) => e.id));
  expect(light.nodes).toEqual(whole.nodes);
  expect(light.edges.every((e) => e.evidence === null)).toBe(true);
  const sentences = (evidence: { paper: string | { id: string }; sentence: string; field?: string | null; start?: number | null }[]) =>
    evidence.map((ev) => `${typeof ev.paper === "string" ? ev.paper : ev.paper.id}|${ev.field}|${ev.start}|${ev.sentence}`);
  const stated = whole.edges.filter((e) => (e.evidence ?? []).length > 0);
  expect(stated.some((e) => e.type === "BUILDS_ON")).toBe(true);
  expect(stated.some((e) => e.type !== "BUILDS_ON")).toBe(true);

  const sel = `id evidence(first: 100) { sentence field start paper { id } }`;
  const lazy = await query(`{ neighbourhood(name: "FlashAttention", depth: 2) { edges { ${sel} } } }`);
  expect(lazy.errors).toBeUndefined();
  const byId = new Map(lazy.data.neighbourhood.edges.map((e: any) => [e.id, e.evidence]));
  for (const e of whole.edges) expect(sentences(byId.get(e.id) as any)).toEqual(sentences(e.evidence!));

  const ids = [...stated.map((e) => e.id), "BUILDS_ON:technique:nosuchthing->technique:flashattention", "not an edge id"];
  const opened = await query(`query($ids: [ID!]!) { graphEdges(ids: $ids) { id source target type ${sel} } }`, { ids });
  expect(opened.errors).toBeUndefined();
  expect(opened.data.graphEdges.map((e: any) => e.id)).toEqual(stated.map((e) => e.id));
  for (const [i, e] of stated.entries()) {
    expect(opened.data.graphEdges[i]).toMatchObject({ source: e.source, target: e.target, type: e.type });
    expect(sentences(opened.data.graphEdges[i].evidence)).toEqual(sentences(e.evidence!));
  }
  // A paper's panel: only its own sentences, across the builds-on edges.
  const buildsOn = stated.find((e) => e.type === "BUILDS_ON")!;
  const paper = buildsOn.evidence![0]!.paper;
  const own = await query(`query($ids: [ID!]!, $paper: ID) { graphEdges(ids: $ids) { id evidence(paper: $paper) { paper { id } } } }`, { ids: [buildsOn.id], paper });
  expect(own.data.graphEdges[0].evidence.map((ev: any) => ev.paper.id)).toEqual(buildsOn.evidence!.filter((ev) => ev.paper === paper).map((ev) => ev.paper));
  const tooMany = await query(`query($ids: [ID!]!) { graphEdges(ids: $ids) { id } }`, { ids: Array.from({ length: 201 }, (_, i) => `CITES:p_${i}->p_x`) });
  expect(tooMany.errors[0].extensions.code).toBe("BAD_USER_INPUT");
});

test("a view's topic { id name } comes with its papers: the same topics as the whole topic read, in one statement per depth plus one", async () => {
  const statements: string[] = [];
  const beginRead = db.beginRead.bind(db);
  db.beginRead = (timeoutMs) => {
    const open = beginRead(timeoutMs);
    return { ...open, tx: { run: ((text: string, params?: Record<string, unknown>) => { statements.push(text); return open.tx.run(text, params); }) as typeof open.tx.run } };
  };
  let brief: any;
  try {
    brief = await query(`{ neighbourhood(name: "FlashAttention", depth: 2) { root { id topic { id name } } nodes { id topic { id name } } } }`);
  } finally {
    db.beginRead = beginRead;
  }
  const whole = await query(`{ neighbourhood(name: "FlashAttention", depth: 2) { root { id topic { id name size } } nodes { id topic { id name size } } } }`);
  expect(brief.errors).toBeUndefined();
  const topicsOf = (r: any, pick: (t: any) => unknown) => [r.data.neighbourhood.root, ...r.data.neighbourhood.nodes].map((n: any) => [n.id, n.topic && pick(n.topic)]);
  expect(topicsOf(brief, (t) => t)).toEqual(topicsOf(whole, (t) => ({ id: t.id, name: t.name })));
  expect(brief.data.neighbourhood.nodes.filter((n: any) => n.topic).length).toBeGreaterThan(10);
  // The root with its first lineage level, the next level (up and down together), the papers with
  // every node's topic.
  expect(statements).toHaveLength(3);
  expect(statements[0]).toBe(statement("read/neighbourhood-root-level"));
  expect(statements).not.toContain(statement("read/topic-brief"));
  // The root's whole topic beside the nodes' brief ones: the view is read without the topic names,
  // and the nodes still get theirs (not none).
  const mixed = await query(`{ neighbourhood(name: "FlashAttention", depth: 2) { root { id topic { id name size } } nodes { id topic { id name } } } }`);
  expect(mixed.errors).toBeUndefined();
  expect(topicsOf(mixed, (t) => ({ id: t.id, name: t.name }))).toEqual(topicsOf(whole, (t) => ({ id: t.id, name: t.name })));
});

test("neighbourhood(papers): a first view holds at most that many papers, those introducing an entity first", async () => {
  const papers = async (n?: number) => {
    const r = await query(`{ neighbourhood(name: "FlashAttention", depth: 2${n === undefined ? "" : `, papers: ${n}`}) { nodes { id kind } } }`);
    expect(r.errors).toBeUndefined();
    return r.data.neighbourhood.nodes.filter((x: any) => x.kind === "Paper").map((x: any) => x.id as string);
  };
  const most = await papers(120);
  expect(most.length).toBeGreaterThan(2);
  const two = await papers(2);
  expect(two.length).toBe(2);
  expect(most).toEqual(expect.arrayContaining(two));
  expect((await papers()).length).toBe(Math.min(most.length, FIRST_VIEW_PAPERS));
  const bad = await query(`{ neighbourhood(name: "FlashAttention", papers: 121) { root { id } } }`);
  expect(bad.errors[0].extensions.code).toBe("BAD_USER_INPUT");
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
