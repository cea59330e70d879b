// People correct the graph: curation mutations against a real Neo4j. A rejected fact, a merged
// entity and an added fact survive re-ingest of the same file, the same paper from another source
// (a longer abstract, so the paper is extracted again) and an extractor upgrade; every correction
// is refused without the key, validated, listed and undoable. Which facts extraction yields is the
// extractor's business (issue #11): the test picks whatever facts the graph holds.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Db } from "../../src/graph/db";
import { ingestFiles } from "../../src/ingest/ingest";
import { fingerprint, testDb, wipe } from "../helpers/neo4j";
import { createApollo } from "../../src/api/server";
import { inProcessClient, rows, type GqlResult } from "../helpers/graphql";
import { readConfig, type Config } from "../../src/config";
import { parseFactId } from "../../src/domain";
import { extractFacts, toContractRecord } from "../../src/ingest/extract";
import { execFileSync } from "node:child_process";

const ROOT = path.join(__dirname, "..", "..");
const SCORER = path.join(fs.existsSync(path.join(ROOT, "..", "shared")) ? fs.realpathSync(path.join(ROOT, "..", "shared")) : "/nonexistent", "eval", "score.mjs");

const KEY = "curation-key-0123456789";
const PAGE = path.join(__dirname, "..", "fixtures", "sources", "page.txt");
const config: Config = readConfig({ NODE_ENV: "test", TECHTREE_API_KEY: KEY, TECHTREE_API_KEY_NAME: "alice" });
let db: Db;
let apollo: ReturnType<typeof createApollo>;
let tmp: string;

const { gql, ok } = inProcessClient(() => apollo, () => db, config, KEY);
const q = <T>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> => rows<T>(db, cypher, params);

const codeOf = (r: GqlResult) => r.errors?.map((e) => e.extensions?.code);

/**
 * Every builds-on edge carries the lineage walk's sort keys of its own ends (write/merge-builds-on),
 * whoever wrote it: ingest, or a correction that moved it to another entity. Returns how many edges
 * it checked.
 */
async function lineageKeysHold(): Promise<number> {
  const [row] = await q<{ edges: number; wrong: string[] }>(`
    MATCH (a:Entity)-[r:BUILDS_ON]->(b:Entity)
    RETURN count(r) AS edges,
           [x IN collect(CASE WHEN r.byTarget = b.id + ' ' + a.key + ' ' + a.id AND r.bySource = a.id + ' ' + b.key + ' ' + b.id THEN null ELSE r.factId END) WHERE x IS NOT NULL] AS wrong`);
  expect(row!.wrong).toEqual([]);
  return row!.edges;
}

/** The three ways a paper gets written again. */
async function reingestAll(): Promise<void> {
  // 1. the same file again (unchanged papers are skipped: the corrections must still hold)
  await ingestFiles(db, [PAGE]);
  // 2. the same papers from another source with longer abstracts: the best text changes, so they are extracted again
  const page = fs.readFileSync(PAGE, "utf8").split("\n\n").slice(2);
  const lines: string[] = [];
  for (let i = 0; i + 1 < page.length; i += 2) {
    lines.push(JSON.stringify({ id: `2401.0000${i}`, title: page[i]!.trim(), abstract: `${page[i + 1]!.trim()} Code is available online.`, update_date: "2024-01-02" }));
  }
  const arxiv = path.join(tmp, "longer.arxiv.jsonl");
  fs.writeFileSync(arxiv, lines.join("\n") + "\n");
  const r = await ingestFiles(db, [arxiv]);
  expect(r.updated).toBe(lines.length);
  // 3. an extractor upgrade: every paper's facts are from an older version, so the next ingest re-extracts them
  await db.writeTx(async (tx) => { await tx.run("MATCH (p:Paper) SET p.extractorVersion = 'older'"); });
  await ingestFiles(db, [arxiv]);
  expect((await q<{ n: number }>("MATCH (p:Paper) WHERE p.extractorVersion = 'older' RETURN count(p) AS n"))[0]!.n).toEqual(0);
}

beforeAll(async () => {
  db = testDb();
  await wipe(db);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-curation-"));
  await ingestFiles(db, [PAGE]);
  apollo = createApollo(config);
  await apollo.start();
});

afterAll(async () => {
  await apollo?.stop();
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test("corrections need the key: FORBIDDEN without a configured key, UNAUTHENTICATED without the bearer", async () => {
  const m = `mutation { rejectFact(factId: "p_0123456789abcdef|compares_to|technique:x", reason: "wrong") { id } }`;
  expect(codeOf(await gql(m, {}, KEY, { ...config, apiKey: undefined }))).toEqual(["FORBIDDEN"]);
  expect(codeOf(await gql(m, {}, null))).toEqual(["UNAUTHENTICATED"]);
  expect(codeOf(await gql(`mutation { undoCuration(id: "c_x") { id } }`, {}, null))).toEqual(["UNAUTHENTICATED"]);
  expect((await q<{ n: number }>("MATCH (c:Curation) RETURN count(c) AS n"))[0]!.n).toEqual(0);
});

test.each([
  ["a malformed fact id", `mutation { rejectFact(factId: "nope", reason: "wrong") { id } }`, /not a fact id/],
  ["a fact not in the graph", `mutation { rejectFact(factId: "p_0123456789abcdef|compares_to|technique:nothing", reason: "wrong") { id } }`, /no fact/],
  ["an empty reason", `mutation { rejectFact(factId: "p_0123456789abcdef|compares_to|technique:x", reason: " ") { id } }`, /reason must be a non-empty string/],
  ["merging an entity into itself", `mutation { mergeEntities(into: "technique:awq", from: "technique:awq") { id } }`, /same entity/],
  ["an unknown entity", `mutation { renameEntity(id: "technique:doesnotexist", name: "X") { id } }`, /no entity with id/],
  ["renaming an entity to the name of another of its kind (the name would find the other)", `mutation { renameEntity(id: "technique:awq", name: "Flash-Attention") { id } }`,
    /"Flash-Attention" is the name of technique:flashattention; mergeEntities\(into: "technique:flashattention", from: "technique:awq"\)/],
  ["an unknown curation", `mutation { undoCuration(id: "c_000000000deadbeef") { id } }`, /no curation/],
  ["splitting off a spelling of the name itself", `mutation { splitAlias(entity: "technique:flashattention", alias: "Flash-Attention") { id } }`,
    /"Flash-Attention" spells FlashAttention itself .* renameEntity/],
])("%s is BAD_USER_INPUT with the reason", async (_, m, reason) => {
  const r = await gql(m);
  expect(codeOf(r)).toEqual(["BAD_USER_INPUT"]);
  expect(r.errors![0]!.message).toMatch(reason);
});

test("a rejected fact, a merged entity and an added fact survive re-ingest, another source and an extractor upgrade; each undoes", async () => {
  // A fact to reject: any paper -> entity fact of the graph, picked from what extraction gave.
  const [victim] = await q<{ factId: string; paper: string; entity: string; mention: string }>(
    "MATCH (p:Paper)-[r:COMPARES_TO|EVALUATED_ON|USES]->(e:Entity) RETURN r.factId AS factId, p.id AS paper, e.id AS entity, coalesce(r.mention, e.name) AS mention ORDER BY r.factId LIMIT 1");
  expect(victim).toBeDefined();
  const rejected = (await ok(`mutation($f: ID!) { rejectFact(factId: $f, reason: "not in the text") { id action who factId undone paper { id } } }`, { f: victim!.factId })).rejectFact;
  expect(rejected).toMatchObject({ action: "REJECT_FACT", who: "alice", factId: victim!.factId, undone: false, paper: { id: victim!.paper } });

  // Two entities to merge: techniques of different papers (a builds-on edge between them would
  // become a loop and go), neither the rejected fact's.
  const [pair] = await q<{ into: string; from: string }>(
    `MATCH (a:Technique), (b:Technique)
     WHERE a.id < b.id AND NOT $v IN [a.id, b.id] AND NOT EXISTS { MATCH (a)<-[:MENTIONS]-(:Paper)-[:MENTIONS]->(b) }
     RETURN a.id AS into, b.id AS from ORDER BY COUNT { (b)<-[:MENTIONS]-() }, a.id, b.id LIMIT 1`, { v: victim!.entity });
  const { into, from } = pair!;
  const fromPapers = (await q<{ id: string }>("MATCH (p:Paper)-[:MENTIONS]->(:Entity {id: $id}) RETURN p.id AS id ORDER BY id", { id: from })).map((r) => r.id);
  expect(fromPapers.length).toBeGreaterThan(0);
  const merged = (await ok(`mutation($i: ID!, $f: ID!) { mergeEntities(into: $i, from: $f, reason: "same thing") { id action from into summary } }`, { i: into, f: from })).mergeEntities;
  expect(merged).toMatchObject({ action: "MERGE_ENTITIES", from, into });

  // A fact to add: the first paper, an entity nobody extracted, its first sentence as evidence.
  const [paper] = await q<{ id: string; abstract: string }>("MATCH (p:Paper) WHERE NOT p.stub RETURN p.id AS id, p.abstract AS abstract ORDER BY p.id LIMIT 1");
  const sentence = paper!.abstract.split(". ")[0]!;
  const added = (await ok(`mutation($p: ID!, $s: String!) { addFact(input: {paper: $p, kind: COMPARES_TO, entity: "Zephyrine Baseline", sentence: $s, claim: "1.5x faster"}) { id factId entity } }`,
    { p: paper!.id, s: sentence })).addFact;
  expect(added.entity).toBe("technique:zephyrinebaseline");
  // A second fact on the same paper is its own correction, and undoing it leaves the first.
  const second = (await ok(`mutation($p: ID!, $s: String!) { addFact(input: {paper: $p, kind: HARDWARE, entity: "Quasar-9 Board", sentence: $s}) { id factId } }`,
    { p: paper!.id, s: sentence })).addFact;
  expect(second.factId).toBe(`${paper!.id}|hardware|hardware:quasar9board`);
  await ok(`mutation($id: ID!) { undoCuration(id: $id) { id } }`, { id: second.id });
  expect(await q("MATCH (e:Entity {id: 'hardware:quasar9board'}) RETURN e")).toEqual([]);

  const holds = async () => {
    expect(await q("MATCH ()-[r]->() WHERE r.factId = $f RETURN r", { f: victim!.factId })).toEqual([]);
    expect(await q("MATCH (e:Entity {id: $id}) RETURN e", { id: from })).toEqual([]);
    const onInto = (await q<{ id: string }>("MATCH (p:Paper)-[:MENTIONS]->(:Entity {id: $id}) RETURN p.id AS id", { id: into })).map((r) => r.id);
    expect(onInto).toEqual(expect.arrayContaining(fromPapers));
    const [a] = await q<{ confirmed: boolean; claim: string }>("MATCH ()-[r:COMPARES_TO]->() WHERE r.factId = $f RETURN r.confirmed AS confirmed, r.claim AS claim", { f: added.factId });
    expect(a).toEqual({ confirmed: true, claim: "1.5x faster" });
  };
  await holds();
  await lineageKeysHold();
  // Read fields: the rejected fact is not among the paper's facts, the added one is evidence with its fact id.
  const read = await ok(`query($n: String!) { technique(name: $n) { comparedIn { paper { id } figure { value unit direction } evidence { factId confirmed sentence } } } }`, { n: "Zephyrine Baseline" });
  expect(read.technique.comparedIn).toEqual([{
    paper: { id: paper!.id }, figure: { value: 1.5, unit: "x", direction: "HIGHER" }, evidence: { factId: added.factId, confirmed: true, sentence },
  }]);

  await reingestAll();
  await holds();
  await exportsAsGold(victim!, added.factId as string, paper!.id);

  // The list: newest first, paged.
  const page1 = (await ok(`{ curations(first: 2) { totalCount nodes { id action undone } pageInfo { hasNextPage endCursor } } }`)).curations;
  expect(page1.totalCount).toBe(4);
  expect(page1.nodes).toEqual([{ id: second.id, action: "ADD_FACT", undone: true }, { id: added.id, action: "ADD_FACT", undone: false }]);
  expect(page1.pageInfo.hasNextPage).toBe(true);
  const page2 = (await ok(`query($a: String) { curations(first: 2, after: $a) { nodes { id action } pageInfo { hasNextPage } } }`, { a: page1.pageInfo.endCursor })).curations;
  expect(page2).toEqual({ nodes: [{ id: merged.id, action: "MERGE_ENTITIES" }, { id: rejected.id, action: "REJECT_FACT" }], pageInfo: { hasNextPage: false } });

  // Undo all three: the fact is back, the entity is back with its papers, the added fact is gone.
  for (const id of [added.id, merged.id, rejected.id]) {
    expect((await ok(`mutation($id: ID!) { undoCuration(id: $id) { undone undoneBy } }`, { id })).undoCuration).toEqual({ undone: true, undoneBy: "alice" });
  }
  expect(await q("MATCH ()-[r]->() WHERE r.factId = $f RETURN r.factId", { f: victim!.factId })).toHaveLength(1);
  expect((await q<{ id: string }>("MATCH (p:Paper)-[:MENTIONS]->(:Entity {id: $id}) RETURN p.id AS id ORDER BY id", { id: from })).map((r) => r.id)).toEqual(fromPapers);
  expect(await q("MATCH ()-[r]->() WHERE r.factId = $f RETURN r", { f: added.factId })).toEqual([]);
  expect(await q("MATCH (e:Entity {id: 'technique:zephyrinebaseline'}) RETURN e")).toEqual([]);
  const again = await gql(`mutation($id: ID!) { undoCuration(id: $id) { id } }`, { id: rejected.id });
  expect(codeOf(again)).toEqual(["BAD_USER_INPUT"]);
  expect(again.errors![0]!.message).toMatch(/already undone/);

  // Undone corrections no longer apply: an upgrade brings the extractor's view back everywhere.
  await db.writeTx(async (tx) => { await tx.run("MATCH (p:Paper) SET p.extractorVersion = 'older'"); });
  await ingestFiles(db, [path.join(tmp, "longer.arxiv.jsonl")]);
  expect(await q("MATCH ()-[r]->() WHERE r.factId = $f RETURN r.factId", { f: victim!.factId })).toHaveLength(1);
  expect(await q("MATCH (e:Entity {id: $id}) RETURN e.id", { id: from })).toHaveLength(1);
});

test("a rename and a kind change hold across an extractor upgrade, and undo", async () => {
  // The most mentioned technique, whatever extraction calls it.
  const [ent] = await q<{ id: string; name: string }>("MATCH (e:Technique) RETURN e.id AS id, e.name AS name ORDER BY COUNT { (e)<-[:MENTIONS]-() } DESC, e.id LIMIT 1");
  const renamed = (await ok(`mutation($id: ID!) { renameEntity(id: $id, name: "zeta curated name", reason: "house style") { id name } }`, { id: ent!.id })).renameEntity;
  await db.writeTx(async (tx) => { await tx.run("MATCH (p:Paper) SET p.extractorVersion = 'older'"); });
  await ingestFiles(db, [path.join(tmp, "longer.arxiv.jsonl")]);
  const [after] = await q<{ name: string; aliases: string[] }>("MATCH (e:Entity {id: $id}) RETURN e.name AS name, e.aliases AS aliases", { id: ent!.id });
  expect(after!.name).toBe("zeta curated name");
  expect(after!.aliases).toContain(ent!.name);

  const moved = (await ok(`mutation($id: ID!) { setEntityKind(id: $id, kind: MODEL) { id into } }`, { id: ent!.id })).setEntityKind;
  expect(moved.into).toBe(ent!.id.replace(/^technique:/, "model:"));
  // The most mentioned technique has builds-on edges; moved, they sort by their new end, so the
  // lineage walk finds them from it.
  const movedEdges = await q<{ n: number }>("MATCH (e:Entity {id: $id}) RETURN COUNT { (e)-[:BUILDS_ON]-() } AS n", { id: moved.into });
  await lineageKeysHold();
  expect(movedEdges[0]!.n).toBeGreaterThan(0);
  const [{ key }] = (await q<{ key: string }>("MATCH (e:Entity {id: $id}) RETURN e.key AS key", { id: moved.into })) as [{ key: string }];
  const lineage = (await ok(`query($n: String!) { model(name: $n) { id buildsOn(maxDepth: 1) { entity { id } } builtOnBy(maxDepth: 1) { entity { id } } } }`, { n: key })).model;
  expect(lineage.id).toBe(moved.into);
  const ids = (hits: { entity: { id: string } }[]) => hits.map((h) => h.entity.id).sort();
  const up = await q<{ id: string }>("MATCH (:Entity {id: $id})-[:BUILDS_ON]->(x:Entity) RETURN DISTINCT x.id AS id ORDER BY id", { id: moved.into });
  const down = await q<{ id: string }>("MATCH (:Entity {id: $id})<-[:BUILDS_ON]-(x:Entity) RETURN DISTINCT x.id AS id ORDER BY id", { id: moved.into });
  expect({ up: ids(lineage.buildsOn), down: ids(lineage.builtOnBy) }).toEqual({ up: up.map((r) => r.id), down: down.map((r) => r.id) });
  await db.writeTx(async (tx) => { await tx.run("MATCH (p:Paper) SET p.extractorVersion = 'older'"); });
  await ingestFiles(db, [path.join(tmp, "longer.arxiv.jsonl")]);
  expect(await q("MATCH (e:Entity {id: $id}) RETURN e", { id: ent!.id })).toEqual([]);
  expect((await q<{ kind: string }>("MATCH (e:Model {id: $id}) RETURN e.kind AS kind", { id: moved.into }))).toEqual([{ kind: "Model" }]);

  for (const id of [moved.id, renamed.id]) await ok(`mutation($id: ID!) { undoCuration(id: $id) { id } }`, { id });
  await lineageKeysHold();
  expect(await q<{ name: string }>("MATCH (e:Technique {id: $id}) RETURN e.name AS name", { id: ent!.id })).toEqual([{ name: ent!.name }]);
});

/**
 * `techtree export --curations` writes the corrected papers as gold records: the rejected fact is
 * not in them, the added one is; the shared scorer reads them, scores their own first spellings
 * perfect, and scores raw extraction with the rejected fact extra and the added one missed.
 */
async function exportsAsGold(victim: { factId: string; paper: string; entity: string; mention: string }, addedId: string, addedPaper: string): Promise<void> {
  const out = path.join(tmp, "curated-gold.json");
  execFileSync(process.execPath, [path.join(ROOT, "bin", "techtree.js"), "export", "--curations", "--out", out],
    { env: { ...process.env, NEO4J_URI: process.env.TECHTREE_TEST_NEO4J_URI }, stdio: "pipe" });
  const gold = JSON.parse(fs.readFileSync(out, "utf8")) as Record<string, any>[];
  expect(gold.map((g) => g.id).sort()).toEqual([...new Set([victim.paper, addedPaper])].sort());
  const rejected = parseFactId(victim.factId) as { fact: string; entity: string };
  const [victimName] = await q<{ name: string }>("MATCH (e:Entity {id: $id}) RETURN e.name AS name", { id: rejected.entity });
  const victimGold = gold.find((g) => g.id === victim.paper)!;
  const keyOf = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  const victimGoldKeys = (victimGold[rejected.fact] as string[][]).flat().map(keyOf);
  expect(victimGoldKeys).not.toContain(keyOf(victimName!.name));
  expect(victimGoldKeys).not.toContain(keyOf(victim.mention));
  const addedGold = gold.find((g) => g.id === addedPaper)!;
  expect(addedGold.compares_to).toContainEqual(["Zephyrine Baseline"]);
  expect(addedGold.curations.map((c: { factId: string }) => c.factId)).toContain(addedId);
  if (!fs.existsSync(SCORER)) return; // the shared scorer sits next to the checkout on the team's machines only

  const score = (pred: unknown[]) => {
    const file = path.join(tmp, "pred.json");
    fs.writeFileSync(file, JSON.stringify(pred));
    return JSON.parse(execFileSync("node", [SCORER, "--gold", out, "--pred", file, "--json", "--details"], { encoding: "utf8" }));
  };
  const own = gold.map((g) => ({ title: g.title, ...Object.fromEntries(["introduces", "builds_on", "compares_to", "hardware", "datasets", "models"].map((k) => [k, g[k].map((alts: string[]) => alts[0])])) }));
  expect(score(own).overall.f1).toBe(1);
  const papers = await q<{ title: string; abstract: string; id: string }>("MATCH (p:Paper) WHERE p.id IN $ids RETURN p.id AS id, p.title AS title, p.abstract AS abstract", { ids: gold.map((g) => g.id) });
  const raw = papers.map((p) => toContractRecord(extractFacts({ id: p.id, title: p.title, abstract: p.abstract, listingDate: null, source: { file: "x", line: 1 } })));
  const details = score(raw).details as Record<string, any>[];
  expect(details.find((d) => d.title === addedGold.title)?.compares_to?.missed).toContain("Zephyrine Baseline");
  const extra = (details.find((d) => d.title === victimGold.title)?.[rejected.fact]?.extra ?? []) as string[];
  expect(extra.map(keyOf)).toContain(keyOf(victim.mention));
}

/** An entity with facts from two papers, and another of its kind that none of its papers names. */
async function mergePair(): Promise<{ a: string; b: string; facts: { factId: string; paper: string; fact: string }[] }> {
  const [row] = await q<{ a: string; b: string; facts: { factId: string; paper: string; fact: string }[] }>(`
    MATCH (p:Paper)-[r:USES|COMPARES_TO|EVALUATED_ON|INTRODUCES]->(a:Entity)
    WITH a, p, head(collect({factId: r.factId, paper: p.id, fact: r.fact})) AS f
    WITH a, collect(f) AS facts WHERE size(facts) >= 2
    MATCH (b:Entity {kind: a.kind}) WHERE b <> a AND NOT EXISTS { MATCH (b)<-[:MENTIONS]-(:Paper)-[:MENTIONS]->(a) }
    RETURN a.id AS a, b.id AS b, facts ORDER BY size(facts) DESC, a.id, b.id LIMIT 1`);
  return row!;
}

test("undoing a confirmation, rejection or addition after its entity was merged acts on the fact where the merge moved it, and the merged entity stays gone", async () => {
  const { a, b, facts } = await mergePair();
  const [toConfirm, toReject] = facts as [typeof facts[0], typeof facts[0]];
  const confirmed = (await ok(`mutation($f: ID!) { confirmFact(factId: $f) { id } }`, { f: toConfirm.factId })).confirmFact;
  const rejected = (await ok(`mutation($f: ID!) { rejectFact(factId: $f, reason: "wrong") { id } }`, { f: toReject.factId })).rejectFact;
  const [paper] = await q<{ id: string; title: string }>("MATCH (p:Paper) WHERE NOT p.stub AND NOT (p)-[:MENTIONS]->(:Entity {id: $a}) AND NOT (p)-[:MENTIONS]->(:Entity {id: $b}) RETURN p.id AS id, p.title AS title ORDER BY p.id LIMIT 1", { a, b });
  const aName = (await q<{ name: string }>("MATCH (e:Entity {id: $a}) RETURN e.name AS name", { a }))[0]!.name;
  const added = (await ok(`mutation($p: ID!, $s: String!, $e: String!, $k: EntityKind) { addFact(input: {paper: $p, kind: COMPARES_TO, entity: $e, entityKind: $k, sentence: $s}) { id factId } }`,
    { p: paper!.id, s: paper!.title, e: aName, k: a.slice(0, a.indexOf(":")).toUpperCase() })).addFact;
  expect(added.factId).toBe(`${paper!.id}|compares_to|${a}`);
  const merged = (await ok(`mutation($i: ID!, $f: ID!) { mergeEntities(into: $i, from: $f) { id } }`, { i: b, f: a })).mergeEntities;

  const onB = (x: { paper: string; fact: string }) => `${x.paper}|${x.fact}|${b}`;
  const edge = (factId: string) => q<{ confirmed: boolean | null }>("MATCH ()-[r]->() WHERE r.factId = $f RETURN r.confirmed AS confirmed", { f: factId });
  expect(await edge(onB(toConfirm))).toEqual([{ confirmed: true }]);
  expect(await edge(onB(toReject))).toEqual([]);
  expect(await edge(onB({ paper: paper!.id, fact: "compares_to" }))).toEqual([{ confirmed: true }]);

  for (const id of [confirmed.id, rejected.id, added.id]) await ok(`mutation($id: ID!) { undoCuration(id: $id) { id } }`, { id });
  // The merge still holds: a is gone, its facts are b's, as they are after the next re-extraction.
  const live = async () => ({
    a: await q("MATCH (e:Entity {id: $a}) RETURN e.id", { a }),
    confirmed: await edge(onB(toConfirm)),
    rejected: await edge(onB(toReject)),
    added: await edge(onB({ paper: paper!.id, fact: "compares_to" })),
  });
  const afterUndo = await live();
  expect(afterUndo).toEqual({ a: [], confirmed: [{ confirmed: null }], rejected: [{ confirmed: null }], added: [] });
  await db.writeTx(async (tx) => { await tx.run("MATCH (p:Paper) SET p.extractorVersion = 'older'"); });
  await ingestFiles(db, [path.join(tmp, "longer.arxiv.jsonl")]);
  expect(await live()).toEqual(afterUndo);

  // Undoing the merge now brings a back with its facts.
  await ok(`mutation($id: ID!) { undoCuration(id: $id) { id } }`, { id: merged.id });
  expect(await edge(toReject.factId)).toHaveLength(1);
  expect(await edge(toConfirm.factId)).toHaveLength(1);
  await lineageKeysHold();
});

test("two curators making the same correction at once: one is made, the other is BAD_USER_INPUT, and one Curation is stored", async () => {
  const [fact] = await q<{ factId: string }>("MATCH (p:Paper)-[r:USES|COMPARES_TO|EVALUATED_ON]->(:Entity) WHERE r.confirmed IS NULL RETURN r.factId AS factId ORDER BY r.factId DESC LIMIT 1");
  const before = (await q<{ n: number }>("MATCH (c:Curation) RETURN count(c) AS n"))[0]!.n;
  const m = `mutation($f: ID!) { rejectFact(factId: $f, reason: "twice") { id } }`;
  const both = await Promise.all([gql(m, { f: fact!.factId }), gql(m, { f: fact!.factId })]);
  expect(both.map((r) => codeOf(r)?.[0] ?? "OK").sort()).toEqual(["BAD_USER_INPUT", "OK"]);
  expect((await q<{ n: number }>("MATCH (c:Curation) RETURN count(c) AS n"))[0]!.n).toBe(before + 1);
  const id = both.find((r) => !r.errors)!.data!.rejectFact.id as string;

  const u = `mutation($id: ID!) { undoCuration(id: $id) { id } }`;
  const undos = await Promise.all([gql(u, { id }), gql(u, { id })]);
  expect(undos.map((r) => codeOf(r)?.[0] ?? "OK").sort()).toEqual(["BAD_USER_INPUT", "OK"]);
  expect(undos.find((r) => r.errors)!.errors![0]!.message).toMatch(/already undone/);
  expect(await q("MATCH ()-[r]->() WHERE r.factId = $f RETURN r.factId", { f: fact!.factId })).toHaveLength(1);
});

test("a wrong key is UNAUTHENTICATED and writes nothing", async () => {
  const [fact] = await q<{ factId: string }>("MATCH (p:Paper)-[r:USES|COMPARES_TO|EVALUATED_ON]->(:Entity) RETURN r.factId AS factId ORDER BY r.factId LIMIT 1");
  const before = (await q<{ n: number }>("MATCH (c:Curation) RETURN count(c) AS n"))[0]!.n;
  const r = await gql(`mutation($f: ID!) { rejectFact(factId: $f, reason: "wrong") { id } }`, { f: fact!.factId }, "not-the-key");
  expect(codeOf(r)).toEqual(["UNAUTHENTICATED"]);
  expect((await q<{ n: number }>("MATCH (c:Curation) RETURN count(c) AS n"))[0]!.n).toBe(before);
  expect(await q("MATCH ()-[r]->() WHERE r.factId = $f RETURN r.factId", { f: fact!.factId })).toHaveLength(1);
});

test("undoing a merge whose entity was since merged on is BAD_USER_INPUT naming the later merge, and writes nothing; undone in order, both undo", async () => {
  const [t] = await q<{ a: string; b: string; c: string }>(`
    MATCH (a:Technique), (b:Technique), (c:Technique)
    WHERE a.id < b.id AND b.id < c.id
      AND NOT EXISTS { MATCH (a)<-[:MENTIONS]-(:Paper)-[:MENTIONS]->(b) } AND NOT EXISTS { MATCH (b)<-[:MENTIONS]-(:Paper)-[:MENTIONS]->(c) }
      AND NOT EXISTS { MATCH (a)<-[:MENTIONS]-(:Paper)-[:MENTIONS]->(c) }
      AND EXISTS { (a)<-[:MENTIONS]-(:Paper) }
    RETURN a.id AS a, b.id AS b, c.id AS c ORDER BY a.id, b.id, c.id LIMIT 1`);
  const { a, b, c } = t!;
  const aPapers = (await q<{ id: string }>("MATCH (p:Paper)-[:MENTIONS]->(:Entity {id: $id}) RETURN p.id AS id ORDER BY id", { id: a })).map((r) => r.id);
  const merge = `mutation($i: ID!, $f: ID!) { mergeEntities(into: $i, from: $f) { id } }`;
  const first = (await ok(merge, { i: b, f: a })).mergeEntities;
  const second = (await ok(merge, { i: c, f: b })).mergeEntities;
  const graphBefore = await fingerprint(db);
  const r = await gql(`mutation($id: ID!) { undoCuration(id: $id) { id } }`, { id: first.id });
  expect(codeOf(r)).toEqual(["BAD_USER_INPUT"]);
  expect(r.errors![0]!.message).toContain(`${b} was since merged into ${c} (curation ${second.id}); undo that first`);
  expect(await fingerprint(db)).toEqual(graphBefore);
  // Re-extracted, the facts are marked with the entity they came from by the write path, not by the merges.
  await db.writeTx(async (tx) => { await tx.run("MATCH (p:Paper) SET p.extractorVersion = 'older'"); });
  await ingestFiles(db, [path.join(tmp, "longer.arxiv.jsonl")]);
  expect(await q("MATCH (e:Entity) WHERE e.id IN [$a, $b] RETURN e.id", { a, b })).toEqual([]);

  for (const id of [second.id, first.id]) await ok(`mutation($id: ID!) { undoCuration(id: $id) { id } }`, { id });
  expect((await q<{ id: string }>("MATCH (p:Paper)-[:MENTIONS]->(:Entity {id: $id}) RETURN p.id AS id ORDER BY id", { id: a })).map((r) => r.id)).toEqual(aPapers);
  await lineageKeysHold();
});

test("undoing the rejection of an added fact whose addition was undone since leaves the fact out, as re-extraction does", async () => {
  const [paper] = await q<{ id: string; title: string }>("MATCH (p:Paper) WHERE NOT p.stub RETURN p.id AS id, p.title AS title ORDER BY p.id DESC LIMIT 1");
  const added = (await ok(`mutation($p: ID!, $s: String!) { addFact(input: {paper: $p, kind: COMPARES_TO, entity: "Quuxformer", sentence: $s}) { id factId } }`, { p: paper!.id, s: paper!.title })).addFact;
  const rejected = (await ok(`mutation($f: ID!) { rejectFact(factId: $f, reason: "not a baseline after all") { id } }`, { f: added.factId })).rejectFact;
  const fact = () => q("MATCH ()-[r]->() WHERE r.factId = $f RETURN r.factId", { f: added.factId });
  expect(await fact()).toEqual([]);
  await ok(`mutation($id: ID!) { undoCuration(id: $id) { id } }`, { id: added.id });
  await ok(`mutation($id: ID!) { undoCuration(id: $id) { id } }`, { id: rejected.id });
  expect(await fact()).toEqual([]);
  expect(await q("MATCH (e:Entity {id: 'technique:quuxformer'}) RETURN e.id")).toEqual([]);
  // With the addition still made, undoing the rejection brings the added fact back.
  const again = (await ok(`mutation($p: ID!, $s: String!) { addFact(input: {paper: $p, kind: COMPARES_TO, entity: "Quuxformer", sentence: $s}) { id factId } }`, { p: paper!.id, s: paper!.title })).addFact;
  const rejected2 = (await ok(`mutation($f: ID!) { rejectFact(factId: $f, reason: "no") { id } }`, { f: again.factId })).rejectFact;
  await ok(`mutation($id: ID!) { undoCuration(id: $id) { id } }`, { id: rejected2.id });
  expect(await fact()).toHaveLength(1);
  await ok(`mutation($id: ID!) { undoCuration(id: $id) { id } }`, { id: again.id });
  expect(await fact()).toEqual([]);
});
