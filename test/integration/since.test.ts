// `since: Date` on papers, papersConnection, builtOnBy, comparedIn and neighbourhood: a paper counts
// from its listing day, else the day techtree stored it (Paper.datedOn). The seed page is listed
// "Mar 17", the second page (test/fixtures/watch-second-page.txt) "Mar 24", and one paper without a
// listing date is stored on a pinned day in 2030. What each answer should hold is read from the
// graph (which papers are the second page's, which facts they state), not from what extraction
// happens to find today.
import * as path from "node:path";
import { createApollo } from "../../src/api/server";
import { createContext } from "../../src/api/context";
import { readConfig } from "../../src/config";
import type { Db } from "../../src/graph/db";
import { ingest, ingestFiles } from "../../src/ingest/ingest";
import { freshSeedGraph, testDb } from "../helpers/neo4j";

const SECOND_PAGE = path.join(__dirname, "..", "fixtures", "watch-second-page.txt");
const UNDATED = `Quietformer: Attention Without a Listing Date

We present Quietformer, which builds on FlashAttention and compares against vLLM, reaching 1.5x higher throughput on A100 GPUs.
`;

let db: Db;
const config = readConfig({ NODE_ENV: "test" });
const apollo = createApollo(config);
let secondPage: Set<string>;
let undated: string;

async function q<T = any>(query: string): Promise<T> {
  const res = await apollo.executeOperation({ query }, { contextValue: createContext(db, config) });
  if (res.body.kind !== "single") throw new Error("unexpected incremental response");
  expect(res.body.singleResult.errors).toBeUndefined();
  return res.body.singleResult.data as T;
}

async function ids(cypher: string, params: Record<string, unknown> = {}): Promise<string[]> {
  return db.readTx(async (tx) => (await tx.run(cypher, params)).records.map((r) => r.get(0) as string));
}

beforeAll(async () => {
  db = testDb();
  await apollo.start();
  await freshSeedGraph(db);
  const second = await ingestFiles(db, [SECOND_PAGE]);
  expect(second.created).toBe(5);
  const run = await ingest(db, [{ file: "undated.txt", text: UNDATED }], { clock: () => new Date("2030-01-15T10:00:00Z") });
  expect(run.created).toBe(1);
  secondPage = new Set(await ids("MATCH (p:Paper) WHERE p.sourceFile ENDS WITH 'watch-second-page.txt' RETURN p.id"));
  expect(secondPage.size).toBe(5);
  undated = (await ids("MATCH (p:Paper {sourceFile: 'undated.txt'}) RETURN p.id"))[0]!;
}, 300_000);

afterAll(async () => {
  await apollo.stop();
  await db.close();
});

test("datedOn is the listing day, else the day the paper was stored", async () => {
  const rows = await db.readTx(async (tx) => (await tx.run("MATCH (p:Paper) WHERE p.id IN $ids RETURN DISTINCT toString(p.datedOn) AS d ORDER BY d", { ids: [...secondPage, undated] })).records.map((r) => r.get("d")));
  expect(rows).toEqual(["0000-03-24", "2030-01-15"]);
});

test("papers(since): a label compares month and day; an ISO day leaves year-less labels out", async () => {
  const byLabel = await q(`{ papers(since: "Mar 20", first: 100) { id } }`);
  expect(new Set(byLabel.papers.map((p: { id: string }) => p.id))).toEqual(secondPage);
  const byDay = await q(`{ papers(since: "2030-01-01", first: 100) { id } }`);
  expect(byDay.papers.map((p: { id: string }) => p.id)).toEqual([undated]);
  const searched = await q(`{ papers(search: "attention", since: "2030-01-01") { id } }`);
  expect(searched.papers.map((p: { id: string }) => p.id)).toEqual([undated]);
  const all = await q(`{ papers(first: 100) { id } }`);
  expect(all.papers.length).toBeGreaterThan(secondPage.size + 1);
});

test("papersConnection(since), alone and with an entity filter", async () => {
  const alone = await q(`{ papersConnection(since: "Mar 20", first: 100) { totalCount nodes { id } } }`);
  expect(alone.papersConnection.totalCount).toBe(5);
  expect(new Set(alone.papersConnection.nodes.map((p: { id: string }) => p.id))).toEqual(secondPage);
  // FlashAttention's papers of the second page, as the graph holds them.
  const expected = await ids("MATCH (p:Paper)-[:MENTIONS]->(:Entity {key: 'flashattention', kind: 'Technique'}) WHERE p.id IN $ids RETURN p.id", { ids: [...secondPage] });
  const filtered = await q(`{ papersConnection(since: "Mar 20", filter: { technique: "FlashAttention" }, first: 100) { totalCount nodes { id } } }`);
  expect(new Set(filtered.papersConnection.nodes.map((p: { id: string }) => p.id))).toEqual(new Set(expected));
  const text = await q(`{ papersConnection(since: "2030-01-01", filter: { text: "attention" }) { totalCount nodes { id } } }`);
  expect(text.papersConnection.nodes.map((p: { id: string }) => p.id)).toEqual([undated]);
});

test("comparedIn(since) and builtOnBy(since) keep what new papers state", async () => {
  // The entity the second page compares against most, and the one it builds on most.
  const fresh = [...secondPage];
  const top = async (cypher: string) => {
    const [row] = await ids(cypher, { ids: fresh });
    expect(row).toBeDefined();
    const [kind, name] = row!.split("|") as [string, string];
    return { field: kind.toLowerCase(), name };
  };
  const compared = await top("MATCH (p:Paper)-[:COMPARES_TO]->(e:Entity) WHERE p.id IN $ids AND e.kind IN ['Technique', 'Model'] WITH e.kind + '|' + e.name AS k, count(p) AS n RETURN k ORDER BY n DESC, k LIMIT 1");
  const builtOn = await top("MATCH (:Entity)-[r:BUILDS_ON]->(e:Entity) WHERE r.paper IN $ids AND e.kind IN ['Technique', 'Model'] WITH e.kind + '|' + e.name AS k, count(r) AS n RETURN k ORDER BY n DESC, k LIMIT 1");
  const field = async (e: { field: string; name: string }, sel: string) => (await q(`{ ${e.field}(name: ${JSON.stringify(e.name)}) { ${sel} } }`))[e.field];
  const cmpAll = (await field(compared, `comparedIn { paper { id } claim }`)).comparedIn;
  const cmpNew = (await field(compared, `comparedIn(since: "Mar 20") { paper { id } claim }`)).comparedIn;
  expect(cmpNew.length).toBeGreaterThan(0);
  expect(cmpNew).toEqual(cmpAll.filter((c: { paper: { id: string } }) => secondPage.has(c.paper.id)));
  const cmp2030 = (await field(compared, `comparedIn(since: "2030-01-01") { paper { id } }`)).comparedIn;
  expect(cmp2030.every((c: { paper: { id: string } }) => c.paper.id === undated)).toBe(true);

  const sel = (since: string) => `builtOnBy(maxDepth: 2${since}) { depth entity { id } evidence { paper { id } } }`;
  const all = (await field(builtOn, sel(""))).builtOnBy as { depth: number; entity: { id: string }; evidence: { paper: { id: string } }[] }[];
  const recent = (await field(builtOn, sel(`, since: "Mar 20"`))).builtOnBy as typeof all;
  const expected = all
    .map((r) => ({ ...r, evidence: r.evidence.filter((e) => secondPage.has(e.paper.id)) }))
    .filter((r) => r.evidence.length > 0);
  expect(recent.length).toBeGreaterThan(0);
  expect(recent).toEqual(expected);
});

test("neighbourhood(since): the new papers around an entity, the edges they state, and the centre", async () => {
  const sel = `root { id } nodes { id kind } edges { source target type evidence { paper { id } } }`;
  const all = (await q(`{ neighbourhood(name: "FlashAttention", depth: 2) { ${sel} } }`)).neighbourhood;
  const recent = (await q(`{ neighbourhood(name: "FlashAttention", depth: 2, since: "Mar 20") { ${sel} } }`)).neighbourhood;
  expect(recent.root).toEqual(all.root);
  const papers = (v: typeof all) => new Set<string>(v.nodes.filter((n: { kind: string }) => n.kind === "Paper").map((n: { id: string }) => n.id));
  expect(papers(recent)).toEqual(new Set([...papers(all)].filter((id) => secondPage.has(id))));
  const nodeIds = new Set(recent.nodes.map((n: { id: string }) => n.id));
  for (const e of recent.edges) {
    expect(nodeIds.has(e.source) && nodeIds.has(e.target)).toBe(true);
    const statedByNew = secondPage.has(e.source) || secondPage.has(e.target) || e.evidence.some((ev: { paper: { id: string } }) => secondPage.has(ev.paper.id));
    expect(statedByNew).toBe(true);
  }
  expect(recent.edges.length).toBeGreaterThan(0);
  expect(recent.nodes.length).toBeLessThan(all.nodes.length);
});

test("a since that is not a day is BAD_USER_INPUT", async () => {
  const res = await apollo.executeOperation({ query: `{ papers(since: "last tuesday") { id } }` }, { contextValue: createContext(db, config) });
  if (res.body.kind !== "single") throw new Error("unexpected incremental response");
  expect(res.body.singleResult.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
});
