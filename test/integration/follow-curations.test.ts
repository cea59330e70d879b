// A follower sees corrections: a fact a curator adds about a followed entity, or rejects, after the
// follower's `since` reaches them through changes(since, follow), the Atom feeds and the digest,
// though no paper is new; undoing one later is news too, and one made and undone within the period
// says it changed nothing. Merges and renames of a followed entity reach followers of either name.
// Real API over HTTP, real CLI, real Neo4j; which facts extraction gives is the extractor's business,
// so the test picks them from the graph.
import * as path from "node:path";
import { startServer, type RunningServer } from "../../src/api/server";
import { readConfig } from "../../src/config";
import type { Db } from "../../src/graph/db";
import { ingestFiles } from "../../src/ingest/ingest";
import { atomProblems, parseAtom } from "../helpers/atom";
import { startCli } from "../helpers/cli";
import { testDb, wipe } from "../helpers/neo4j";
import { gqlClient } from "./api-http";

const KEY = "follow-curations-key-0123456789";
const PAGE = path.join(__dirname, "..", "fixtures", "sources", "page.txt");

let db: Db;
let server: RunningServer;
let base: string;
let http: ReturnType<typeof gqlClient>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function gql(query: string, variables: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const r = await http(query, variables, { authorization: `Bearer ${KEY}` });
  expect(r.body.errors).toBeUndefined();
  return r.body.data;
}

async function q<T>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return db.readTx(async (tx) => (await tx.run(cypher, params)).records.map((r) => r.toObject() as T));
}

/** A moment strictly between what came before and what comes after. */
async function now(): Promise<string> {
  await sleep(15);
  const t = new Date().toISOString();
  await sleep(15);
  return t;
}

const CHANGES = `query($since: DateTime!, $follow: [String!]) { changes(since: $since, follow: $follow) {
  until paperCount correctionCount
  followed { name entity { id name } papers correctionCount corrections {
    at effect summary
    curation { id action who reason undone undoneBy }
    fact { kind paper { id title } source { id } target { id name } claim evidence { sentence factId } } } } } }`;

async function changes(since: string, follow: string[]): Promise<Record<string, any>> {
  return (await gql(CHANGES, { since, follow })).changes;
}

async function feed(kind: string, name: string, since: string) {
  const xml = await (await fetch(`${base}/feed/${kind}/${encodeURIComponent(name)}.atom?since=${encodeURIComponent(since)}`)).text();
  const parsed = await parseAtom(xml);
  expect(atomProblems(parsed, xml)).toEqual([]);
  return parsed.items;
}

async function digest(since: string, follow: string[], format: "md" | "json"): Promise<string> {
  const run = startCli(["digest", "--since", since, "--follow", follow.join(","), "--format", format]);
  const done = await run.exited;
  expect(done.code).toBe(0);
  return done.out;
}

beforeAll(async () => {
  db = testDb();
  await wipe(db);
  await ingestFiles(db, [PAGE]);
  server = await startServer(db, readConfig({ ...process.env, PORT: "0", HOST: "127.0.0.1", NODE_ENV: "test", TECHTREE_API_KEY: KEY, TECHTREE_API_KEY_NAME: "alice" }));
  base = `http://127.0.0.1:${server.port}`;
  http = gqlClient(server.url);
});

afterAll(async () => {
  await server?.stop();
  await db?.close();
});

test("a fact added about a followed entity after since reaches its follower in changes, the feed and the digest; undone, it is withdrawn", async () => {
  // The followed technique: the one most papers mention; the paper: one that does not mention it.
  const [target] = await q<{ id: string; name: string }>(
    "MATCH (e:Technique) RETURN e.id AS id, e.name AS name ORDER BY COUNT { (e)<-[:MENTIONS]-() } DESC, e.id LIMIT 1");
  const [paper] = await q<{ id: string; title: string; abstract: string }>(
    "MATCH (p:Paper) WHERE NOT p.stub AND NOT EXISTS { (p)-[:MENTIONS]->(:Entity {id: $id}) } RETURN p.id AS id, p.title AS title, p.abstract AS abstract ORDER BY p.id LIMIT 1",
    { id: target!.id });
  const sentence = paper!.abstract.split(". ")[0]!;
  const since = await now();

  const added = (await gql(`mutation($p: ID!, $e: String!, $s: String!) {
    addFact(input: {paper: $p, kind: BUILDS_ON, entity: $e, sentence: $s}, reason: "the extractor missed it") { id factId } }`,
  { p: paper!.id, e: target!.name, s: sentence })).addFact;

  const c = await changes(since, [target!.name, "GPTQ"]);
  expect(c.paperCount).toBe(0);
  expect(c.correctionCount).toBe(1);
  const [followed, other] = c.followed;
  expect(followed).toMatchObject({ entity: { id: target!.id }, papers: 0, correctionCount: 1 });
  expect(followed.corrections).toEqual([{
    at: expect.any(String), effect: "ADDED",
    summary: `fact added by alice: "${paper!.title}" builds on ${target!.name} (the extractor missed it)`,
    curation: { id: added.id, action: "ADD_FACT", who: "alice", reason: "the extractor missed it", undone: false, undoneBy: null },
    fact: { kind: "BUILDS_ON", paper: { id: paper!.id, title: paper!.title }, source: null, target: { id: target!.id, name: target!.name }, claim: null,
      evidence: { sentence, factId: added.factId } },
  }]);
  // A correction about something else is not news for a follower of GPTQ.
  expect(other.corrections).toEqual([]);

  // The entity's feed has an entry for the correction, with its evidence.
  const items = await feed("technique", target!.name, since);
  expect(items.map((i) => i.guid)).toEqual([`urn:techtree:curation:${added.id}`]);
  expect(items[0]!.title).toBe(`fact added by alice: "${paper!.title}" builds on ${target!.name}`);
  expect(items[0]!.description).toContain(sentence.replace(/&/g, "&amp;").replace(/</g, "&lt;"));

  // The digest says so under the entity, though no paper is new.
  const md = await digest(since, [target!.name], "md");
  expect(md).toContain(`0 new papers in 0 ingests; 1 correction.`);
  expect(md).toContain(`### ${target!.name} (technique): no new papers, 1 correction`);
  expect(md).toContain(`- fact added by alice: "${paper!.title}" builds on ${target!.name} (the extractor missed it)`);
  const json = JSON.parse(await digest(since, [target!.name], "json"));
  expect(json.correctionCount).toBe(1);
  expect(json.followed[0].corrections).toEqual([expect.objectContaining({ id: added.id, action: "add", effect: "added", fact: expect.objectContaining({ kind: "builds_on", sentence }) })]);

  // Undone after the follower's next since: the follower hears the fact is withdrawn.
  const next = c.until as string;
  await gql(`mutation($id: ID!) { undoCuration(id: $id) { id } }`, { id: added.id });
  const after = (await changes(next, [target!.name])).followed[0];
  expect(after.corrections).toEqual([expect.objectContaining({ effect: "REMOVED", curation: expect.objectContaining({ id: added.id, undone: true, undoneBy: "alice" }) })]);
  expect(after.corrections[0].summary).toBe(`addition undone by alice: "${paper!.title}" builds on ${target!.name}`);
  // Over the whole period it was added and undone: listed once, as changing nothing.
  const whole = (await changes(since, [target!.name])).followed[0];
  expect(whole.corrections.map((x: { effect: string }) => x.effect)).toEqual(["NONE"]);
  // The feed keeps one entry for the correction, updated: a feed reader replaces the one it showed.
  const again = await feed("technique", target!.name, since);
  expect(again.map((i) => i.guid)).toEqual([`urn:techtree:curation:${added.id}`]);
  expect(again[0]!.title).toMatch(/^fact added by alice and undone by alice: /);
});

test("a rejected fact reaches its entity's follower as removed, a confirmation is not news, and undoing the rejection brings the fact back", async () => {
  // A comparison whose entity another paper also mentions (so the rejection does not delete the entity).
  const [fact] = await q<{ factId: string; name: string; kind: string; paper: string; sentence: string }>(
    `MATCH (p:Paper)-[r:COMPARES_TO|USES|EVALUATED_ON]->(e:Entity) WHERE COUNT { (e)<-[:MENTIONS]-() } > 1
     RETURN r.factId AS factId, e.name AS name, e.kind AS kind, p.id AS paper, r.sentence AS sentence ORDER BY r.factId LIMIT 1`);
  expect(fact).toBeDefined();
  const since = await now();
  const rejected = (await gql(`mutation($f: ID!) { rejectFact(factId: $f, reason: "not what the sentence says") { id } }`, { f: fact!.factId })).rejectFact;
  // Another fact about it, confirmed: nothing a follower sees changes.
  const [kept] = await q<{ factId: string }>(
    "MATCH (p:Paper)-[r]->(e:Entity {name: $n}) WHERE r.factId IS NOT NULL RETURN r.factId AS factId ORDER BY r.factId LIMIT 1", { n: fact!.name });
  if (kept) await gql(`mutation($f: ID!) { confirmFact(factId: $f) { id } }`, { f: kept.factId });

  const c = await changes(since, [fact!.name]);
  expect(c.correctionCount).toBe(1);
  const f = c.followed[0];
  expect(f.corrections).toHaveLength(1);
  expect(f.corrections[0]).toMatchObject({
    effect: "REMOVED", curation: { id: rejected.id, action: "REJECT_FACT", reason: "not what the sentence says", undone: false },
    fact: { paper: { id: fact!.paper }, evidence: { sentence: fact!.sentence, factId: fact!.factId } },
  });
  expect(f.corrections[0].summary).toMatch(/^fact rejected by alice: .* \(not what the sentence says\)$/);
  const items = await feed(fact!.kind.toLowerCase(), fact!.name, since);
  expect(items.map((i) => i.guid)).toEqual([`urn:techtree:curation:${rejected.id}`]);

  const next = c.until as string;
  await gql(`mutation($id: ID!) { undoCuration(id: $id) { id } }`, { id: rejected.id });
  const back = (await changes(next, [fact!.name])).followed[0];
  expect(back.corrections).toEqual([expect.objectContaining({ effect: "ADDED", curation: expect.objectContaining({ id: rejected.id, undone: true }) })]);
  expect(back.corrections[0].summary).toMatch(/^rejection undone by alice: /);
});

test("a merge and a rename of a followed entity reach followers of either name; undoing the merge too", async () => {
  // Two techniques no paper mentions together (a builds-on edge between them would become a loop).
  const [pair] = await q<{ into: string; intoName: string; from: string; fromName: string }>(
    `MATCH (a:Technique), (b:Technique)
     WHERE a.id < b.id AND NOT EXISTS { MATCH (a)<-[:MENTIONS]-(:Paper)-[:MENTIONS]->(b) }
     RETURN a.id AS into, a.name AS intoName, b.id AS from, b.name AS fromName ORDER BY a.id, b.id LIMIT 1`);
  const { into, intoName, from, fromName } = pair!;
  const since = await now();
  const merged = (await gql(`mutation($i: ID!, $f: ID!) { mergeEntities(into: $i, from: $f, reason: "one method") { id } }`, { i: into, f: from })).mergeEntities;
  const renamed = (await gql(`mutation($i: ID!) { renameEntity(id: $i, name: "Zeta Curated Method") { id } }`, { i: into })).renameEntity;

  // Following the merged-away name finds the entity it is now, and both corrections.
  const c = await changes(since, [fromName, intoName]);
  for (const f of c.followed) {
    expect(f.entity.id).toBe(into);
    expect(f.corrections.map((x: any) => [x.curation.id, x.effect])).toEqual([[renamed.id, "CHANGED"], [merged.id, "CHANGED"]]);
    expect(f.corrections.map((x: any) => x.summary)).toEqual([
      `${intoName} renamed to Zeta Curated Method by alice`,
      `${fromName} merged into ${intoName} by alice (one method)`,
    ]);
    expect(f.corrections.every((x: any) => x.fact === null)).toBe(true);
  }
  const md = await digest(since, [fromName], "md");
  expect(md).toContain(`- ${fromName} merged into ${intoName} by alice (one method)`);

  const next = c.until as string;
  await gql(`mutation($id: ID!) { undoCuration(id: $id) { id } }`, { id: merged.id });
  const apart = await changes(next, [fromName]);
  expect(apart.followed[0].entity.id).toBe(from);
  expect(apart.followed[0].corrections.map((x: any) => [x.effect, x.summary])).toEqual([["UNDONE", `merge of ${fromName} into ${intoName} undone by alice`]]);
});

test("a follower of an entity a correction took out of the graph hears of it: the name finds nothing now, the correction is listed", async () => {
  // A curator adds a fact naming an entity nobody extracted; someone follows it; the addition is undone,
  // and with it the entity (only that fact named it).
  const [paper] = await q<{ id: string; title: string; abstract: string }>(
    "MATCH (p:Paper) WHERE NOT p.stub RETURN p.id AS id, p.title AS title, p.abstract AS abstract ORDER BY p.id DESC LIMIT 1");
  const sentence = paper!.abstract.split(". ")[0]!;
  const added = (await gql(`mutation($p: ID!, $s: String!) {
    addFact(input: {paper: $p, kind: COMPARES_TO, entity: "Zephyrine Baseline", sentence: $s}) { id } }`, { p: paper!.id, s: sentence })).addFact;
  const since = await now();
  await gql(`mutation($id: ID!) { undoCuration(id: $id) { id } }`, { id: added.id });
  expect(await q("MATCH (e:Entity {id: 'technique:zephyrinebaseline'}) RETURN e")).toEqual([]);

  const c = await changes(since, ["Zephyrine Baseline"]);
  expect(c.followed[0]).toMatchObject({ name: "Zephyrine Baseline", entity: null, correctionCount: 1 });
  expect(c.followed[0].corrections).toEqual([expect.objectContaining({
    effect: "REMOVED", summary: `addition undone by alice: "${paper!.title}" compares to Zephyrine Baseline`,
    fact: expect.objectContaining({ paper: { id: paper!.id, title: paper!.title }, target: { id: "technique:zephyrinebaseline", name: "Zephyrine Baseline" } }),
  })]);
  const md = await digest(since, ["Zephyrine Baseline"], "md");
  expect(md).toContain(`- addition undone by alice: "${paper!.title}" compares to Zephyrine Baseline`);
  // The combined feed (a name's own feed is a 404 once nothing has the name) has its entry.
  const xml = await (await fetch(`${base}/feed?follow=${encodeURIComponent("Zephyrine Baseline")}&since=${encodeURIComponent(since)}`)).text();
  const feed = await parseAtom(xml);
  expect(atomProblems(feed, xml)).toEqual([]);
  expect(feed.items.map((i) => i.guid)).toEqual([`urn:techtree:curation:${added.id}`]);
});
