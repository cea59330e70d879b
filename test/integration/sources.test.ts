// One paper, many sources: the same papers as an arXiv snapshot, Semantic Scholar JSON, OpenAlex
// works and a trending page give the same graph in whatever order they are ingested, and no source
// erases what another said (the explicit citations of S2 and OpenAlex survive the page).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Db } from "../../src/graph/db";
import { ingestFiles } from "../../src/ingest/ingest";
import { fingerprint, testDb, wipe, type Fingerprint } from "../helpers/neo4j";
import { createApollo } from "../../src/api/server";
import { createContext } from "../../src/api/context";
import { readConfig } from "../../src/config";
import { STUB_ROOM } from "../../src/api/fields/search";

const DIR = path.join(__dirname, "..", "fixtures", "sources");
const FILES = ["papers.arxiv.jsonl", "papers.s2.json", "papers.openalex.jsonl", "page.txt"].map((f) => path.join(DIR, f));
// Rotations: each file comes first once and last once.
const ORDERS = FILES.map((_, i) => [...FILES.slice(i), ...FILES.slice(0, i)]);
let db: Db;

async function q<T>(cypher: string): Promise<T[]> {
  return db.readTx(async (tx) => (await tx.run(cypher)).records.map((r) => r.toObject() as T));
}

interface Shape { fp: Fingerprint; explicit: string[]; sources: string[] }

async function shape(): Promise<Shape> {
  const explicit = await q<{ a: string; b: string; s: string[] }>(
    "MATCH (a:Paper)-[c:CITES {inferred: false}]->(b:Paper) RETURN coalesce(a.arxivId, a.id) AS a, coalesce(b.arxivId, b.s2Id, b.openalexId) AS b, c.sources AS s ORDER BY a, b",
  );
  const sources = await q<{ id: string; s: string[] }>("MATCH (p:Paper) WHERE NOT p.stub RETURN p.arxivId AS id, p.sources AS s ORDER BY id");
  // The migrations' record (made once per process, so only after the first wipe) is no ingest's doing.
  await db.writeTx(async (tx) => { await tx.run("MATCH (m:TechtreeMeta) DELETE m"); });
  return {
    fp: await fingerprint(db),
    explicit: explicit.map((r) => `${r.a} -> ${r.b} [${r.s.join(" ")}]`),
    sources: sources.map((r) => `${r.id}: ${r.s.join(" ")}`),
  };
}

const config = readConfig({ NODE_ENV: "test" });
const apollo = createApollo(config);

/** One GraphQL operation over the graph, as Apollo answers it. */
async function graphql(query: string): Promise<{ data?: any; errors?: readonly any[] }> {
  const res = await apollo.executeOperation({ query }, { contextValue: createContext(db, config) });
  if (res.body.kind !== "single") throw new Error("unexpected incremental response");
  return res.body.singleResult as { data?: any; errors?: readonly any[] };
}

beforeAll(async () => {
  db = testDb();
  await apollo.start();
});
afterAll(async () => {
  await apollo.stop();
  await db.close();
});

test("the four formats give the same graph in every order, each file first once and last once", async () => {
  const shapes: Shape[] = [];
  for (const order of ORDERS) {
    await wipe(db);
    for (const file of order) {
      const r = await ingestFiles(db, [file]);
      expect(r.messages.filter((m) => m.severity === "error")).toEqual([]);
    }
    shapes.push(await shape());
  }
  for (const s of shapes.slice(1)) expect(s).toEqual(shapes[0]);
  const [first] = shapes;
  // 5 papers + 4 stubs: Orca and SmoothQuant, each named by S2 (with a title) and by OpenAlex (by id only),
  // with no identifier in common until the papers themselves are ingested.
  const papers = await q<{ stub: boolean; n: unknown }>("MATCH (p:Paper) RETURN p.stub AS stub, count(*) AS n ORDER BY stub");
  expect(papers.map((r) => [r.stub, Number(r.n)])).toEqual([[false, 5], [true, 4]]);
  expect(first!.sources).toContain(
    `2306.00978: arxiv:2306.00978 openalex:W4385245566 page:${path.resolve(DIR, "page.txt")} s2:0a00000000000000000000000000000000000001`,
  );
  expect(first!.explicit).toEqual(expect.arrayContaining([
    "2306.00978 -> 2210.17323 [openalex:W4385245566 s2:0a00000000000000000000000000000000000001]",
    "2309.06180 -> 0b00000000000000000000000000000000000001 [s2:0a00000000000000000000000000000000000003]",
    "2309.06180 -> W2000000001 [openalex:W4386000003]",
  ]));
});

test("re-ingesting a source replaces only what it said: the page keeps S2's and OpenAlex's citations; S2 again changes nothing", async () => {
  const before = await shape();
  const page = await ingestFiles(db, [FILES[3]!]);
  expect(page.unchanged).toBe(5);
  const s2 = await ingestFiles(db, [FILES[1]!]);
  expect(s2.unchanged).toBe(5);
  expect(await shape()).toEqual(before);
  const [awq] = await q<{ n: number }>("MATCH (:Paper {arxivId: '2306.00978'})-[:CITES {inferred: false}]->(b) RETURN count(b) AS n");
  expect(Number(awq!.n)).toBe(3); // GPTQ (by both), SmoothQuant's stub by S2 (with title) and by OpenAlex (id only)
});

test("all four files in one run are the same graph as four runs", async () => {
  const separate = await shape();
  await wipe(db);
  const r = await ingestFiles(db, FILES);
  expect(r.skipped).toBe(0);
  expect(r.created + r.updated).toBe(20);
  expect(await shape()).toEqual(separate);
});

test("Paper.sources lists every source by kind and id; authors, categories, venue, ids and a link come from them", async () => {
  const r = await graphql('{ paper(title: "awq: activation-aware weight quantization for llm compression and acceleration") { title sources { kind id } authors categories venue arxivId doi url } }');
  expect(r.errors).toBeUndefined();
  expect(r.data).toEqual({
    paper: {
      title: "AWQ: Activation-aware Weight Quantization for LLM Compression and Acceleration",
      sources: [
        { kind: "arxiv", id: "2306.00978" }, { kind: "openalex", id: "W4385245566" },
        // A page is named by its file's absolute path: two files of one name in different folders are two pages.
        { kind: "page", id: path.resolve(DIR, "page.txt") }, { kind: "s2", id: "0a00000000000000000000000000000000000001" },
      ],
      // The byline of the first source that lists authors; categories of every source (arXiv's codes, S2's field).
      authors: ["Ji Lin", "Jiaming Tang", "Song Han"],
      categories: ["Computer Science", "cs.CL", "cs.LG"],
      venue: "MLSys",
      arxivId: "2306.00978",
      doi: "10.48550/arxiv.2306.00978",
      url: "https://arxiv.org/abs/2306.00978",
    },
  });
});

test("papersConnection(filter: {author}) lists the papers whose byline names the author (case, spaces and punctuation aside), with the other filters, orders and pages; an unknown author is NOT_FOUND with the closest authors' names", async () => {
  const run = (filter: string, rest = "") =>
    graphql(`{ papersConnection(filter: ${filter}, orderBy: TITLE${rest}) { totalCount pageInfo { hasNextPage endCursor } nodes { title authors } } }`);
  const titles = (r: { data?: any }) => r.data.papersConnection.nodes.map((p: any) => p.title.split(":")[0]);
  // The author alone drives (read/papers-connection-author).
  const dao = await run(`{ author: "tri  DAO" }`);
  expect(dao.errors).toBeUndefined();
  expect(dao.data.papersConnection.totalCount).toBe(2);
  // By title: "flashattention-2: ..." sorts before "flashattention: ..." ("-" before ":").
  expect(titles(dao)).toEqual(["FlashAttention-2", "FlashAttention"]);
  for (const p of dao.data.papersConnection.nodes) expect(p.authors).toContain("Tri Dao");
  // A100 names three papers, the author two: the author drives, the hardware is a condition.
  expect(titles(await run(`{ author: "Tri Dao", hardware: "A100" }`))).toEqual(["FlashAttention-2"]);
  // FlashAttention-2 is mentioned by fewer papers than Tri Dao wrote: the entity drives, the author is a condition.
  expect(titles(await run(`{ author: "Tri Dao", technique: "FlashAttention-2" }`))).toEqual(["FlashAttention-2"]);
  // Text drives, the author is a condition.
  expect(titles(await run(`{ author: "Tri Dao", text: "IO-aware" }`))).toEqual(["FlashAttention"]);
  expect(titles(await run(`{ author: "Ion Stoica", text: "IO-aware" }`))).toEqual([]);
  // Paged like the rest.
  const first = await run(`{ author: "Tri Dao" }`, ", first: 1");
  expect(titles(first)).toEqual(["FlashAttention-2"]);
  expect(first.data.papersConnection.pageInfo.hasNextPage).toBe(true);
  expect(titles(await run(`{ author: "Tri Dao" }`, `, first: 1, after: "${first.data.papersConnection.pageInfo.endCursor}"`))).toEqual(["FlashAttention"]);
  // A name in no byline answers as an unknown entity name does, with the closest authors' names:
  // a typo and a surname alone both find Tri Dao.
  const unknown = await run(`{ author: "Tri Dau" }`);
  expect(unknown.errors?.map((e) => [e.extensions.code, e.extensions.argument])).toEqual([["NOT_FOUND", "filter.author"]]);
  expect(unknown.errors?.[0].extensions.suggestions[0]).toBe("Tri Dao");
  expect(unknown.errors?.[0].message).toMatch(/^no author named "Tri Dau"; did you mean Tri Dao\b/);
  const surname = await run(`{ author: "Dao" }`);
  expect(surname.errors?.[0].extensions.suggestions[0]).toBe("Tri Dao");
  // Nothing close: no suggestions and no hint.
  const nobody = await run(`{ author: "Zyxwv Qqq" }`);
  expect(nobody.errors?.map((e) => [e.message, e.extensions.suggestions])).toEqual([['no author named "Zyxwv Qqq"', []]]);
});

test("a paper's citations list its stubs: a stub answers its reference's title, or \"\" when it has none, and an empty abstract, not an internal error", async () => {
  const r = await graphql('{ paper(title: "awq: activation-aware weight quantization for llm compression and acceleration") { cites(first: 20) { totalCount nodes { id title abstract sources { kind } } } } }');
  expect(r.errors).toBeUndefined();
  const cites = r.data.paper.cites;
  const stubs = await q<{ id: string; title: string | null }>(
    "MATCH (:Paper {arxivId: '2306.00978'})-[:CITES]->(s:Paper {stub: true}) RETURN s.id AS id, s.title AS title ORDER BY id",
  );
  // SmoothQuant's stub from S2 has its title; OpenAlex names it by id only.
  expect(stubs.some((s) => s.title !== null)).toBe(true);
  expect(stubs.some((s) => s.title === null)).toBe(true);
  expect(cites.nodes).toHaveLength(cites.totalCount);
  for (const s of stubs) {
    expect(cites.nodes).toContainEqual({ id: s.id, title: s.title ?? "", abstract: "", sources: [] });
  }
});

test("search and papers(search) list the papers the full text finds even when stubs' titles outrank them (a Semantic Scholar record names 40 references \"Attention N\")", async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-stubs-"));
  const file = path.join(tmp, "refs.s2.json");
  const references = Array.from({ length: 40 }, (_, i) => ({ paperId: (0x123000 + i).toString(16).padStart(40, "0"), title: `Attention ${i}` }));
  fs.writeFileSync(file, JSON.stringify({ total: 1, offset: 0, data: [{
    paperId: "d".repeat(40), externalIds: {}, title: "A paper that cites many", abstract: "We cite many works on kernels.", year: 2024,
    publicationDate: "2024-02-04", authors: [{ authorId: "1", name: "A B" }], references,
  }] }));
  try {
    await ingestFiles(db, [file]);
    // More stubs than the room read/search leaves for them score above the last real paper.
    const [guard] = await q<{ above: unknown }>(`CALL db.index.fulltext.queryNodes('paper_text', 'attention') YIELD node, score
      WITH collect({stub: coalesce(node.stub, false), score: score}) AS hits
      WITH hits, reduce(m = 1.0e9, h IN [h IN hits WHERE NOT h.stub] | CASE WHEN h.score < m THEN h.score ELSE m END) AS lowest
      RETURN size([h IN hits WHERE h.stub AND h.score > lowest]) AS above`);
    expect(Number(guard!.above)).toBeGreaterThan(STUB_ROOM);
    const r = await graphql(`{
      papersConnection(filter: { text: "attention" }, orderBy: RELEVANCE, first: 100) { totalCount nodes { id } }
      papers(search: "attention", first: 20) { id }
      search(text: "attention", first: 100) { edges { node { __typename ... on Paper { id } } } }
    }`);
    expect(r.errors).toBeUndefined();
    const d = r.data;
    const ranked = d.papersConnection.nodes.map((p: any) => p.id);
    expect(ranked.length).toBeGreaterThan(1);
    expect(d.papers.map((p: any) => p.id)).toEqual(ranked);
    expect(d.search.edges.filter((e: any) => e.node.__typename === "Paper").map((e: any) => e.node.id)).toEqual(ranked);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("one run of every source counts each paper new once: the other sources of a new paper update it", async () => {
  await wipe(db);
  const r = await ingestFiles(db, FILES);
  const papers = (await q<{ papers: { toNumber(): number } }>("MATCH (p:Paper) WHERE NOT p.stub RETURN count(p) AS papers"))[0]!.papers.toNumber();
  expect({ created: r.created, sum: r.created + r.updated + r.unchanged + r.skipped }).toEqual({ created: papers, sum: r.papersRead });
});
