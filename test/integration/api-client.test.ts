// A client developer's view of the API over real HTTP, on the seed plus the arXiv snapshot (papers with
// authors and dates) and the Semantic Scholar and OpenAlex fixtures (references that leave stubs):
// walking a list with first 1, 2 and 7 and after = endCursor gives the one-page answer, a cursor is
// good only for the list it came from, and an id one field gives is taken by the field that takes an id.
import * as path from "node:path";
import { startServer, type RunningServer } from "../../src/api/server";
import { readConfig } from "../../src/config";
import type { Db } from "../../src/graph/db";
import { ingestFiles } from "../../src/ingest/ingest";
import { freshSeedGraph, testDb } from "../helpers/neo4j";
import { codes, gqlClient } from "./api-http";

const FIXTURES = ["arxiv-snapshot.jsonl", "s2-papers.json", "openalex-works.jsonl"].map((f) => path.join(__dirname, "..", "fixtures", f));

let db: Db;
let server: RunningServer;
let gql: ReturnType<typeof gqlClient>;

beforeAll(async () => {
  db = testDb();
  await freshSeedGraph(db);
  await ingestFiles(db, FIXTURES);
  server = await startServer(db, readConfig({ NODE_ENV: "test", PORT: "0" }), () => undefined);
  gql = gqlClient(server.url);
});

afterAll(async () => {
  await server?.stop();
  await db?.close();
});

interface Conn { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: { id: string } }[] }

const PAGE = `totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } }`;
const SEARCH_PAGE = `totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ... on Paper { id } ... on Entity { id } } }`;

/** A list a client pages through: a query taking $first and $after, and where its connection is. */
interface List { query: string; at: (data: any) => Conn }
const root = (field: string, args = "", page = PAGE): List => ({
  query: `query($first: Int, $after: String) { c: ${field}(${args}${args ? ", " : ""}first: $first, after: $after) { ${page} } }`,
  at: (d) => d.c,
});
const ofEntity = (kind: string, name: string, args = ""): List => ({
  query: `query($first: Int, $after: String) { e: ${kind}(name: "${name}") { c: papersConnection(${args}${args ? ", " : ""}first: $first, after: $after) { ${PAGE} } } }`,
  at: (d) => d.e.c,
});
const ofPaper = (id: string, field: "cites" | "citedBy"): List => ({
  query: `query($first: Int, $after: String) { p: paper(id: "${id}") { c: ${field}(first: $first, after: $after) { ${PAGE} } } }`,
  at: (d) => d.p.c,
});

async function page(list: List, first: number, after: string | null): Promise<Conn> {
  const r = await gql(list.query, { first, after });
  expect(r.body.errors).toBeUndefined();
  return list.at(r.body.data);
}

/** Every node of the list, walking pages of `first` from the start. */
async function walk(list: List, first: number): Promise<{ ids: string[]; totals: Set<number> }> {
  const ids: string[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (let n = 0; n < 500; n++) {
    const c = await page(list, first, after);
    totals.add(c.totalCount);
    ids.push(...c.edges.map((e) => e.node.id));
    if (!c.pageInfo.hasNextPage) return { ids, totals };
    after = c.pageInfo.endCursor;
  }
  throw new Error("the walk never ended");
}

const ORDERS = ["INPUT_ORDER", "RELEVANCE", "TITLE", "LISTING_DATE_DESC", "LISTING_DATE_ASC"];
const FILTERS = [
  "", `filter: { technique: "FlashAttention" }`, `filter: { model: "Llama 2" }`, `filter: { model: "Llama 2", includeVariants: false }`,
  `filter: { hardware: "A100" }`, `filter: { text: "attention" }`, `filter: { listedFrom: "2023-01-01" }`, `filter: { listedFrom: "Mar 1" }`,
  `since: "2020-01-01"`, `filter: { author: "Tri Dao" }`, `filter: { hardware: "A100", technique: "FlashAttention" }`,
];

function lists(citing: string): [string, List][] {
  return [
    ...FILTERS.flatMap((f) => ORDERS.map((o): [string, List] => [`papersConnection(${f} ${o})`, root("papersConnection", `${f}${f ? ", " : ""}orderBy: ${o}`)])),
    ["search(kv cache)", root("search", `text: "kv cache"`, SEARCH_PAGE)],
    ["search(attention)", root("search", `text: "attention"`, SEARCH_PAGE)],
    ...[["technique", "FlashAttention"], ["model", "Llama 2"], ["model", "GPT-4"], ["hardware", "A100"], ["technique", "Transformer"]].flatMap(([k, n]) =>
      [true, false].map((v): [string, List] => [`${k}(${n}).papersConnection(includeVariants: ${v})`, ofEntity(k!, n!, `includeVariants: ${v}`)])),
    ["paper.cites", ofPaper(citing, "cites")],
    ["curations", root("curations")],
  ];
}

async function citingPaper(): Promise<string> {
  const r = await gql(`{ technique(name: "FlashAttention") { papers(first: 100) { id cites(first: 1) { totalCount } } } }`);
  return r.body.data.technique.papers.find((p: any) => p.cites.totalCount > 0).id;
}

test("every connection walked with first 1, 2 and 7 is its one-page answer, and totalCount counts it", async () => {
  const failures: string[] = [];
  for (const [name, list] of lists(await citingPaper())) {
    const whole = await walk(list, 100);
    if (new Set(whole.ids).size !== whole.ids.length) failures.push(`${name}: duplicates in one page`);
    for (const first of [1, 2, 7]) {
      const { ids, totals } = await walk(list, first);
      if (JSON.stringify(ids) !== JSON.stringify(whole.ids)) failures.push(`${name} first ${first}: ${ids.length} walked, ${whole.ids.length} in one page`);
      if (totals.size !== 1 || !totals.has(ids.length)) failures.push(`${name} first ${first}: totalCount ${[...totals]} for ${ids.length} walked`);
    }
  }
  expect(failures).toEqual([]);
}, 240_000);

test("a cursor from one list given to another list is BAD_USER_INPUT, not a silent page of the other list", async () => {
  const citing = await citingPaper();
  const from: [string, List][] = [
    ["search", root("search", `text: "attention"`, SEARCH_PAGE)],
    ["papersConnection(technique FlashAttention)", root("papersConnection", `filter: { technique: "FlashAttention" }`)],
    ["papersConnection(all)", root("papersConnection")],
    ["technique(FlashAttention).papersConnection", ofEntity("technique", "FlashAttention")],
    ["paper.cites", ofPaper(citing, "cites")],
  ];
  const to: [string, List][] = [
    ["papersConnection(all)", root("papersConnection")],
    ["papersConnection(hardware A100)", root("papersConnection", `filter: { hardware: "A100" }`)],
    ["papersConnection(technique FlashAttention, TITLE)", root("papersConnection", `filter: { technique: "FlashAttention" }, orderBy: TITLE`)],
    ["papersConnection(technique FlashAttention, includeVariants false)", root("papersConnection", `filter: { technique: "FlashAttention", includeVariants: false }`)],
    ["search(kv cache)", root("search", `text: "kv cache"`, SEARCH_PAGE)],
    ["model(Llama 2).papersConnection", ofEntity("model", "Llama 2")],
    ["technique(FlashAttention).papersConnection(includeVariants: false)", ofEntity("technique", "FlashAttention", "includeVariants: false")],
    ["paper.citedBy", ofPaper(citing, "citedBy")],
    ["curations", root("curations")],
  ];
  const answers: string[] = [];
  for (const [fromName, fromList] of from) {
    const cursor = (await page(fromList, 1, null)).pageInfo.endCursor;
    expect(cursor).toEqual(expect.any(String));
    for (const [toName, toList] of to) {
      if (toName === fromName) continue;
      const r = await gql(toList.query, { first: 2, after: cursor });
      const answer = `${fromName} -> ${toName}: ${r.status} ${JSON.stringify(codes(r))}`;
      if (answer !== `${fromName} -> ${toName}: 200 ["BAD_USER_INPUT"]`) answers.push(answer);
    }
    // The list it came from still takes it.
    const next = await gql(fromList.query, { first: 2, after: cursor });
    expect(next.body.errors).toBeUndefined();
  }
  expect(answers).toEqual([]);
}, 120_000);

test("first 0, negative or over 100 and forged cursors are BAD_USER_INPUT naming the argument", async () => {
  const list = root("papersConnection", `filter: { technique: "FlashAttention" }`);
  for (const first of [0, -1, 101]) {
    const r = await gql(list.query, { first, after: null });
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.body.errors[0].extensions.argument).toBe("first");
  }
  const genuine = (await page(list, 1, null)).pageInfo.endCursor!;
  const forged = ["", "xyz", "o:1", Buffer.from("o:-1").toString("base64url"), Buffer.from("o:1").toString("base64url"), genuine.slice(0, -2), `${genuine}AA`];
  for (const after of forged) {
    const r = await gql(list.query, { first: 2, after });
    expect([after, codes(r)]).toEqual([after, ["BAD_USER_INPUT"]]);
    expect(r.body.errors[0].extensions.argument).toBe("after");
  }
}, 60_000);

test("every node id of a paper's view, a stub's (a paper known only from a reference) included, centres neighbourhood(id)", async () => {
  const citing: { id: string }[] = [];
  for (let after: string | null = null, more = true; more;) {
    const cited = await gql(`query($a: String) { papersConnection(first: 10, after: $a) { pageInfo { hasNextPage endCursor } nodes { id cites(first: 10) { nodes { id sources { kind } } } } } }`, { a: after });
    expect(cited.body.errors).toBeUndefined();
    const c = cited.body.data.papersConnection;
    citing.push(...c.nodes.filter((p: any) => p.cites.nodes.some((q: any) => q.sources.length === 0)));
    [after, more] = [c.pageInfo.endCursor, c.pageInfo.hasNextPage];
  }
  expect(citing.length).toBeGreaterThan(0);
  const wrong: string[] = [];
  for (const p of citing) {
    const view = await gql(`query($id: ID) { neighbourhood(id: $id) { nodes { id kind } } }`, { id: p.id });
    for (const n of view.body.data.neighbourhood.nodes) {
      const r = await gql(`query($id: ID) { neighbourhood(id: $id) { root { id kind } } paper(id: $id) { id } }`, { id: n.id });
      const root = r.body.data?.neighbourhood?.root;
      if (r.body.errors || root?.id !== n.id || root?.kind !== n.kind) wrong.push(`${n.kind} ${n.id}: ${JSON.stringify(r.body.data ?? r.body.errors)}`);
    }
  }
  expect(wrong).toEqual([]);
}, 60_000);

test("the same text ranks papers alike in search, papers(search) and papersConnection(RELEVANCE), ties included", async () => {
  const differ: string[] = [];
  for (const text of ["llama", "attention", "kv cache", "flash attention", "quantization", "language models"]) {
    const r = await gql(`query($t: String!) { search(text: $t, first: 100) { edges { node { __typename ... on Paper { id } } } }
      papers(search: $t, first: 100) { id }
      papersConnection(filter: { text: $t }, orderBy: RELEVANCE, first: 100) { nodes { id } } }`, { t: text });
    expect(r.body.errors).toBeUndefined();
    const connection = r.body.data.papersConnection.nodes.map((p: any) => p.id);
    const search = r.body.data.search.edges.filter((e: any) => e.node.__typename === "Paper").map((e: any) => e.node.id);
    const papers = r.body.data.papers.map((p: any) => p.id);
    // search's 100 hits mix entities in, so its papers are the head of the connection's.
    if (search.length === 0 || JSON.stringify(search) !== JSON.stringify(connection.slice(0, search.length))) differ.push(`${text}: search`);
    if (JSON.stringify(papers) !== JSON.stringify(connection)) differ.push(`${text}: papers(search)`);
    // A short page is the head of the long one, whichever field asks.
    for (const first of [1, 2, 3, 5]) {
      const s = await gql(`query($t: String!, $f: Int) { papers(search: $t, first: $f) { id } papersConnection(filter: { text: $t }, orderBy: RELEVANCE, first: $f) { nodes { id } } }`, { t: text, f: first });
      if (JSON.stringify(s.body.data.papers.map((p: any) => p.id)) !== JSON.stringify(connection.slice(0, first))) differ.push(`${text}: papers(search, first: ${first})`);
    }
  }
  expect(differ).toEqual([]);
}, 60_000);
