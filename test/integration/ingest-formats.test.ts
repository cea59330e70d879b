// Every input format ingests its fixture into the expected nodes and edges: papers keyed by title
// across formats, explicit CITES with stubs filled in later, authors and categories as nodes.
import * as path from "node:path";
import type { Db } from "../../src/graph/db";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { CLI } from "../helpers/cli";
import { extractFacts } from "../../src/ingest/extract";
import { ingestFiles } from "../../src/ingest/ingest";
import { testDb, wipe } from "../helpers/neo4j";

const FIXTURES = path.join(__dirname, "..", "fixtures");
const fixture = (f: string) => path.join(FIXTURES, f);
let db: Db;

async function q<T = Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return db.readTx(async (tx) => (await tx.run(cypher, params)).records.map((r) => r.toObject() as T));
}
const num = (v: unknown) => Number(v);

beforeAll(async () => {
  db = testDb();
  await wipe(db);
});
afterAll(() => db.close());

test("seed pages: several pages in one file, each paper with its listing date", async () => {
  const r = await ingestFiles(db, [fixture("seed-multipage.txt")]);
  expect(r.created).toBe(2);
  const rows = await q<{ title: string; date: string }>("MATCH (p:Paper) RETURN p.title AS title, p.listingDate AS date ORDER BY date");
  expect(rows.map((x) => x.date)).toEqual(["Mar 17", "Mar 18"]);
  const intro = await q<{ n: string }>("MATCH (:Paper)-[:INTRODUCES]->(e:Entity) RETURN e.name AS n ORDER BY n");
  // The title's named methods; what else a paper introduces is the extractor's call (docs/extraction.md).
  expect(intro.map((x) => x.n)).toEqual(expect.arrayContaining(["FlashAttention-2", "PagedAttention"]));
});

test("arXiv snapshot: same papers as the seed are updated in place, authors and categories become nodes", async () => {
  const r = await ingestFiles(db, [fixture("arxiv-snapshot.jsonl")], { workers: 2 });
  expect(r.messages).toEqual([]);
  expect(r.created).toBe(1);
  expect(r.updated).toBe(2); // same titles as the seed page: one node each, now with arXiv metadata
  const [fa2] = await q<{ ext: string; date: string }>("MATCH (p:Paper {title: $t}) RETURN p.arxivId AS ext, p.listingDate AS date", {
    t: "FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning",
  });
  expect(fa2).toEqual({ ext: "2307.08691", date: "2023-07-18" }); // a full date beats the page's label "Mar 18"
  const stoica = await q<{ n: unknown }>("MATCH (:Paper)-[:AUTHORED_BY]->(a:Author {name: 'Ion Stoica'}) RETURN count(*) AS n");
  expect(num(stoica[0]!.n)).toBe(2);
  const cats = await q<{ id: string; n: unknown }>("MATCH (:Paper)-[:IN_CATEGORY]->(c:Category) RETURN c.id AS id, count(*) AS n ORDER BY id");
  expect(cats.map((c) => [c.id, num(c.n)])).toEqual([["cs.CL", 1], ["cs.DC", 2], ["cs.LG", 2]]);
  // Inferred citations: a paper that builds on, uses or compares to what another introduces cites it.
  const cites = await q<{ src: string; dst: string }>("MATCH (s:Paper)-[c:CITES {inferred: true}]->(d:Paper) RETURN s.title AS src, d.title AS dst ORDER BY src, dst");
  const papers = readFileSync(fixture("arxiv-snapshot.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { title: string; abstract: string });
  const facts = papers.map((p) => extractFacts({ id: "", title: p.title, abstract: p.abstract, listingDate: null, source: { file: "", line: 0 } }));
  const expected = facts.flatMap((s) =>
    facts
      .filter((d) => d !== s && d.facts.some((i) => i.kind === "introduces" && s.facts.some((f) => f.kind !== "introduces" && f.kind !== "hardware" && f.entity.key === i.entity.key && f.entity.kind === i.entity.kind)))
      .map((d) => ({ src: s.paper.title, dst: d.paper.title })),
  );
  expect(cites).toEqual(expected.sort((a, b) => a.src.localeCompare(b.src) || a.dst.localeCompare(b.dst)));
  expect(num((await q<{ n: unknown }>("MATCH (p:Paper) RETURN count(p) AS n"))[0]!.n)).toBe(3);
});

test("Semantic Scholar JSON document: explicit CITES, a stub for an untitled reference, stub filled later in the file", async () => {
  const r = await ingestFiles(db, [fixture("s2-papers.json")]);
  expect(r.messages).toEqual([]);
  expect(r.created).toBe(2); // FlashAttention and Attention Is All You Need (the latter first seen as a stub)
  expect(r.updated).toBe(1); // FlashAttention-2, already there from arXiv and the seed
  const explicit = await q<{ a: string; b: string | null; stub: boolean }>(
    "MATCH (a:Paper)-[:CITES {inferred: false}]->(b:Paper) RETURN a.title AS a, b.title AS b, b.stub AS stub ORDER BY a, b",
  );
  expect(explicit).toEqual([
    { a: "FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning", b: "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness", stub: false },
    { a: "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness", b: "Attention Is All You Need", stub: false },
    { a: "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness", b: null, stub: true },
  ]);
  const [stub] = await q<{ ext: string }>("MATCH (p:Paper {stub: true}) RETURN p.s2Id AS ext");
  expect(stub!.ext).toBe("0000000000000000000000000000000000000001");
  const authors = await q<{ n: string }>("MATCH (:Paper {s2Id: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'})-[:AUTHORED_BY]->(a) RETURN a.name AS n ORDER BY n");
  expect(authors.map((a) => a.n)).toEqual(["Christopher Ré", "Tri Dao"]);
});

test("OpenAlex works: abstract from the inverted index, a reference by id only is a stub until its work arrives", async () => {
  const r = await ingestFiles(db, [fixture("openalex-works.jsonl")]);
  expect(r.created).toBe(2);
  const [awq] = await q<{ abstract: string }>("MATCH (p:Paper {openalexId: 'W4385245566'}) RETURN p.abstract AS abstract");
  expect(awq!.abstract).toBe("We propose AWQ, a weight quantization method that outperforms GPTQ on LLaMA models running fast on A100 GPUs.");
  const cites = await q<{ b: string | null; ext: string; stub: boolean }>(
    "MATCH (:Paper {openalexId: 'W4385245566'})-[:CITES {inferred: false}]->(b) RETURN b.title AS b, b.openalexId AS ext, b.stub AS stub ORDER BY ext",
  );
  expect(cites).toEqual([
    { b: "GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers", ext: "W4300000001", stub: false },
    { b: null, ext: "W9999999999", stub: true },
  ]);
  // The stub made for W4300000001 before GPTQ itself was read is gone: one node per paper.
  expect(num((await q<{ n: unknown }>("MATCH (p:Paper {openalexId: 'W4300000001'}) RETURN count(p) AS n"))[0]!.n)).toBe(1);
});

test("feeds and Hugging Face papers: an arXiv listing, HF daily papers and an arXiv API answer join the papers they name by arXiv id", async () => {
  const sourcesOf = async (arxivId: string) =>
    (await q<{ s: string[] }>("MATCH (p:Paper {arxivId: $arxivId}) RETURN p.sources AS s", { arxivId })).map((r) => r.s);
  // arXiv's RSS listing: FlashAttention-2 is the snapshot's arXiv record again (its categories changed); StreamingLLM is new.
  const rss = await ingestFiles(db, [fixture("arxiv-listing.rss")]);
  expect(rss.messages).toEqual([]);
  expect([rss.created, rss.updated]).toEqual([1, 1]);
  const [streaming] = await q<{ date: string; authors: string[] }>(
    "MATCH (p:Paper {arxivId: '2309.17453'}) OPTIONAL MATCH (p)-[:AUTHORED_BY]->(a) WITH p, a ORDER BY a.name RETURN p.listingDate AS date, collect(a.name) AS authors",
  );
  expect(streaming).toEqual({ date: "2023-07-18", authors: ["Beidi Chen", "Guangxuan Xiao", "Mike Lewis", "Song Han", "Yuandong Tian"] });
  // Hugging Face daily papers: AWQ (known to OpenAlex by its arXiv DOI) and vLLM gain a second kind of source.
  const hf = await ingestFiles(db, [fixture("hf-daily-papers.json")]);
  expect(hf.messages).toEqual([]);
  expect([hf.created, hf.updated]).toEqual([0, 2]);
  expect(await sourcesOf("2306.00978")).toEqual([["openalex:W4385245566", "hf:2306.00978"].sort()]);
  // The arXiv API's Atom answer: FlashAttention (known to Semantic Scholar by its arXiv id) and vLLM, whose arXiv record it is again.
  const atom = await ingestFiles(db, [fixture("arxiv-api.atom")]);
  expect(atom.messages).toEqual([]);
  expect([atom.created, atom.updated]).toEqual([0, 2]);
  expect(await sourcesOf("2309.06180")).toEqual([["arxiv:2309.06180", "hf:2309.06180", `page:${path.resolve(fixture("seed-multipage.txt"))}`].sort()]);
  expect(await sourcesOf("2205.14135")).toEqual([["arxiv:2205.14135", "s2:a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"].sort()]);
  const [fa] = await q<{ doi: string; date: string }>("MATCH (p:Paper {arxivId: '2205.14135'}) RETURN p.doi AS doi, p.listingDate AS date");
  expect(fa).toEqual({ doi: "10.48550/arxiv.2205.14135", date: "2022-05-27" });
});

test("an http(s) address is ingested like the file its server sends: the same Hugging Face papers, unchanged", async () => {
  const http = await import("node:http");
  const daily = readFileSync(fixture("hf-daily-papers.json"));
  const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(daily));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/daily_papers`;
    const r = await ingestFiles(db, [url]);
    expect(r.messages).toEqual([]);
    expect([r.created, r.updated, r.unchanged]).toEqual([0, 0, 2]);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test("re-ingesting every fixture changes nothing (but the log of runs, one (:Ingest) node more)", async () => {
  const count = async () => (await q<{ n: unknown; r: unknown }>("MATCH (n) WHERE NOT n:Ingest OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r"))[0]!;
  const before = await count();
  const files = ["s2-papers.json", "openalex-works.jsonl", "arxiv-listing.rss", "hf-daily-papers.json", "arxiv-api.atom"].map(fixture);
  const r = await ingestFiles(db, files);
  expect(r.unchanged).toBe(11);
  expect(r.created + r.updated).toBe(0);
  expect(await count()).toEqual(before);
});

test("`techtree ingest -` reads standard input, as extract does", async () => {
  await wipe(db);
  const r = spawnSync(process.execPath, [CLI, "ingest", "-", "--no-topics", "--workers", "0"], {
    encoding: "utf8", input: readFileSync(fixture("seed-multipage.txt")),
    env: { ...process.env, NEO4J_URI: process.env.TECHTREE_TEST_NEO4J_URI },
  });
  expect(r.stdout + r.stderr).not.toContain("cannot read");
  expect(r.status).toBe(0);
  const rows = await q<{ date: string }>("MATCH (p:Paper) RETURN p.listingDate AS date ORDER BY date");
  expect(rows.map((x) => x.date)).toEqual(["Mar 17", "Mar 18"]);
});
