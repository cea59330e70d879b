// `techtree watch` end to end: the real CLI watches a folder, the real API answers over HTTP. The
// seed page is dropped in, then a second page (real abstracts, test/fixtures/watch-second-page.md),
// written slowly; changes(since: between the two), the Atom feeds and the digest must list exactly
// the second page's new facts. What "exactly" means is computed from what extraction makes of the
// second page (extractFacts -> toRows, what ingest writes), so a new extractor changes the expected
// set, not the test. Bad files (truncated, binary) are reported and skipped while the watch goes on.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startServer, type RunningServer } from "../../src/api/server";
import { readConfig } from "../../src/config";
import type { FactChangeKind } from "../../src/follow/changes";
import type { Db } from "../../src/graph/db";
import { extractFacts } from "../../src/ingest/extract";
import { parseSeedPage } from "../../src/ingest/parse/seed-page";
import type { IngestRecord } from "../../src/ingest/record";
import { entityId, toRows, type BatchRows } from "../../src/ingest/write/rows";
import { atomProblems, parseAtom } from "../helpers/atom";
import { startCli, type Running } from "../helpers/cli";
import { SEED, testDb, wipe } from "../helpers/neo4j";
import { gqlClient } from "./api-http";

const FIXTURES = path.join(__dirname, "..", "fixtures");
const SECOND_PAGE = fs.readFileSync(path.join(FIXTURES, "watch-second-page.txt"), "utf8");

let db: Db;
let server: RunningServer;
let base: string;
let gql: ReturnType<typeof gqlClient>;
let dir: string;
let watcher: Running;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 180_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the watch printed:\n${watcher?.output()}`);
    await sleep(200);
  }
}

async function ingestsOf(file: string): Promise<IngestRecord[]> {
  const rows = await db.read<{ ingest: IngestRecord }>("read/ingests", { since: null, first: 100 });
  return rows.map((r) => r.ingest).filter((i) => i.files.includes(file));
}

beforeAll(async () => {
  db = testDb();
  await wipe(db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-watch-"));
  server = await startServer(db, readConfig({ ...process.env, PORT: "0", HOST: "127.0.0.1", NODE_ENV: "test" }));
  base = `http://127.0.0.1:${server.port}`;
  gql = gqlClient(server.url);
  // A settle time well above the pauses of the slow writer below, so a half-written file is never read.
  watcher = startCli(["watch", dir, "--settle", "1500", "--poll", "200", "--workers", "1", "--no-topics"]);
  await watcher.waitFor(/watch: watching /);
}, 120_000);

afterAll(async () => {
  if (watcher && watcher.child.exitCode === null) {
    watcher.child.kill("SIGINT");
    await watcher.exited;
  }
  await server?.stop();
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A fact as changes reports it: kind, paper, source entity (or none), target entity. */
const key = (kind: FactChangeKind, paper: string, source: string | null, target: string) => `${kind} ${paper} ${source ?? "-"} ${target}`;

/**
 * The facts of the second page about entity `id`, by the rules of cypher/read/entity-changes.cypher,
 * from the rows ingest writes: the paper's edges into it, builds-on edges into or out of it, and for
 * an entity that is not hardware the hardware of the papers that mention it. Claims and sentences by key.
 */
function expectedFacts(rows: BatchRows, id: string): Map<string, { sentence: unknown; claim: unknown }> {
  const out = new Map<string, { sentence: unknown; claim: unknown }>();
  const add = (k: string, props: Record<string, unknown>) => out.set(k, { sentence: props.sentence, claim: props.claim ?? null });
  for (const r of rows.paperEdges.INTRODUCES) if (r.entity === id) add(key("introduces", r.paper, null, id), r.props);
  for (const r of rows.paperEdges.COMPARES_TO) if (r.entity === id) add(key("compares_to", r.paper, null, id), r.props);
  for (const r of rows.paperEdges.USES) if (r.entity === id) add(key(r.fact === "builds_on" ? "builds_on" : "uses", r.paper, null, id), r.props);
  for (const r of rows.paperEdges.EVALUATED_ON) if (r.entity === id) add(key("hardware", r.paper, null, id), r.props);
  for (const r of rows.lineage) if (r.from === id || r.to === id) add(key("builds_on", r.paper, r.from, r.to), r.props);
  if (!id.startsWith("hardware:")) {
    const mentioning = new Set(rows.mentions.filter((m) => m.entities.includes(id)).map((m) => m.paper));
    for (const r of rows.paperEdges.EVALUATED_ON) if (mentioning.has(r.paper) && r.entity !== id) add(key("hardware", r.paper, null, r.entity), r.props);
  }
  return out;
}

/** The papers a feed about `id` has an entry for: those with a fact about the entity itself. */
function directPapers(facts: Map<string, unknown>, id: string): Set<string> {
  return new Set([...facts.keys()].filter((k) => k.split(" ").slice(2).includes(id)).map((k) => k.split(" ")[1]!));
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

test("seed page, then a second page: changes, feeds and digest list exactly the second page's new facts", async () => {
  // 1. The seed page.
  const seedFile = path.join(dir, "2026-03-17-trending.txt");
  fs.copyFileSync(SEED, seedFile);
  const [seedRun] = await until("the seed's ingest", async () => (await ingestsOf(seedFile)).length ? ingestsOf(seedFile) : null);
  expect(seedRun).toMatchObject({ source: "watch", created: 112, complete: true });
  const between = new Date();
  await sleep(50);

  // 2. The second page, written in pieces with pauses shorter than --settle: it must be read once, whole.
  const pageFile = path.join(dir, "2026-03-24-trending.txt");
  const bytes = Buffer.from(SECOND_PAGE, "utf8");
  for (let at = 0; at < bytes.length; at += Math.ceil(bytes.length / 6)) {
    fs.appendFileSync(pageFile, bytes.subarray(at, Math.min(at + Math.ceil(bytes.length / 6), bytes.length)));
    await sleep(150);
  }
  const [pageRun] = await until("the second page's ingest", async () => (await ingestsOf(pageFile)).length ? ingestsOf(pageFile) : null);
  await sleep(2_500); // a few more scans: no second, later read of the same file
  const runs = await ingestsOf(pageFile);
  expect(runs).toHaveLength(1);
  const page = parseSeedPage(SECOND_PAGE, pageFile).papers;
  expect(page).toHaveLength(5);
  expect(pageRun).toMatchObject({ papersRead: 5, created: 5, complete: true });

  // What ingest wrote for the second page, from the extractor itself.
  const rows = toRows(page.map((p) => ({ facts: extractFacts(p) })));
  // The followed technique: one of the second page's that the seed already had (so old facts must be
  // left out), the one with most new facts; any technique of the page if none is shared.
  const techniques = [...new Set(rows.entities.filter((e) => e.kind === "Technique").map((e) => e.id))];
  const seedMentions = await db.readTx(async (tx) => (await tx.run(
    "UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN id, COUNT { (e)<-[:MENTIONS]-(p:Paper) WHERE p.addedAt < datetime($between) } AS old",
    { ids: techniques, between: between.toISOString() })).records.map((r) => ({ id: r.get("id") as string, old: Number(r.get("old")) })));
  const ranked = techniques
    .map((id) => ({ id, n: expectedFacts(rows, id).size, old: seedMentions.find((s) => s.id === id)?.old ?? 0 }))
    .sort((a, b) => Number(b.old > 0) - Number(a.old > 0) || b.n - a.n || a.id.localeCompare(b.id));
  const followed = ranked[0]!;
  expect(followed.n).toBeGreaterThan(0);
  const name = rows.entities.find((e) => e.id === followed.id)!.name;
  const expected = expectedFacts(rows, followed.id);

  // 3. changes(since: between the two ingests).
  const r = await gql(`query($since: DateTime!, $follow: [String!]) { changes(since: $since, follow: $follow) {
      since until paperCount papers { id } ingests { id files created }
      followed { name suggestions papers entity { id name }
        facts { kind paper { id addedAt } source { id } target { id } claim evidence { sentence paper { id } } } } } }`,
    { since: between.toISOString(), follow: [name, "FlashAttention-99"] });
  expect(r.body.errors).toBeUndefined();
  const c = r.body.data.changes;
  expect(c.paperCount).toBe(5);
  expect(new Set(c.papers.map((p: { id: string }) => p.id))).toEqual(new Set(page.map((p) => p.id)));
  expect(c.ingests.map((i: { id: string }) => i.id)).toEqual([pageRun!.id]);
  const [mine, unknown] = c.followed;
  expect(mine.entity.id).toBe(followed.id);
  const got = new Map<string, { sentence: unknown; claim: unknown }>(mine.facts.map((f: any) => [
    key(f.kind.toLowerCase(), f.paper.id, f.source?.id ?? null, f.target.id), { sentence: f.evidence.sentence, claim: f.claim }]));
  expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
  expect(got).toEqual(expected);
  expect(mine.papers).toBe(new Set([...expected.keys()].map((k) => k.split(" ")[1])).size);
  for (const f of mine.facts) expect(new Date(f.paper.addedAt).getTime()).toBeGreaterThan(between.getTime());
  expect(unknown).toMatchObject({ name: "FlashAttention-99", entity: null });

  // 4. The technique's Atom feed since then: one entry per second-page paper stating something about
  //    it, each with the evidence sentences and a link to the explorer; valid Atom.
  const feedUrl = `${base}/feed/technique/${encodeURIComponent(name)}.atom`;
  const res = await fetch(`${feedUrl}?since=${encodeURIComponent(between.toISOString())}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/atom\+xml/);
  const xml = await res.text();
  const feed = await parseAtom(xml);
  expect(atomProblems(feed, xml)).toEqual([]);
  const direct = directPapers(expected, followed.id);
  expect(new Set(feed.items.map((i) => i.guid))).toEqual(new Set([...direct].map((id) => `urn:techtree:paper:${id}`)));
  for (const item of feed.items) {
    const paperId = item.guid.split(":").pop()!;
    expect(item.link).toBe(`${base}/explore?entity=${encodeURIComponent(name)}&select=${paperId}`);
    for (const [k, v] of expected) {
      const [, paper, source, target] = k.split(" ");
      if (paper === paperId && (source === followed.id || target === followed.id)) expect(item.description).toContain(escapeHtml(String(v.sentence)));
    }
  }
  // Without since: the same entries come first (newest first), then the seed's papers about it.
  const all = await parseAtom(await (await fetch(feedUrl)).text());
  expect(new Set(all.items.slice(0, direct.size).map((i) => i.guid))).toEqual(new Set(feed.items.map((i) => i.guid)));
  if (followed.old > 0) expect(all.items.length).toBeGreaterThan(direct.size);

  // 5. The combined feed for several names (one not in the graph yet) is valid Atom with the same entries.
  const combinedXml = await (await fetch(`${base}/feed?follow=${encodeURIComponent(`${name},FlashAttention-99`)}&since=${encodeURIComponent(between.toISOString())}`)).text();
  const combined = await parseAtom(combinedXml);
  expect(atomProblems(combined, combinedXml)).toEqual([]);
  expect(new Set(combined.items.map((i) => i.guid))).toEqual(new Set(feed.items.map((i) => i.guid)));

  // 6. The digest (the CLI) says the same, as JSON; its Markdown names the entity.
  const digest = startCli(["digest", "--since", between.toISOString(), "--follow", name, "--format", "json"]);
  const d = await digest.exited;
  expect(d.code).toBe(0);
  const json = JSON.parse(d.out.slice(d.out.indexOf("{")));
  expect(new Set(json.followed[0].facts.map((f: any) => `${f.kind} ${f.paper.id} ${f.target}`))).toEqual(
    new Set([...expected.keys()].map((k) => { const [kind, paper, , target] = k.split(" "); return `${kind} ${paper} ${rows.entities.find((e) => e.id === target)!.name}`; })));
}, 600_000);

test("a truncated export and a binary file are reported and skipped; the watch goes on", async () => {
  const lines = fs.readFileSync(path.join(FIXTURES, "arxiv-snapshot.jsonl"), "utf8").split("\n").filter(Boolean);
  const truncated = path.join(dir, "export-cut.jsonl");
  fs.writeFileSync(truncated, `${lines[0]}\n${lines[1]}\n${lines[2]!.slice(0, Math.floor(lines[2]!.length / 2))}`);
  fs.writeFileSync(path.join(dir, "photo.bin"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 0xff, 0x00]));
  await watcher.waitFor(/export-cut\.jsonl:3: warning: not valid JSON/, 120_000);
  await watcher.waitFor(/photo\.bin: warning: binary file/, 120_000);
  // The two whole records of the truncated export are in the graph.
  const titles = lines.slice(0, 2).map((l) => JSON.parse(l).title as string);
  const stored = await db.readTx(async (tx) => (await tx.run("MATCH (p:Paper) WHERE p.title IN $titles RETURN p.title AS t", { titles })).records.map((x) => x.get("t")));
  expect(stored.sort()).toEqual([...titles].sort());
  // Still watching: a page dropped afterwards is ingested.
  const later = path.join(dir, "later.txt");
  fs.copyFileSync(path.join(FIXTURES, "seed-multipage.txt"), later);
  const [run] = await until("the later page's ingest", async () => (await ingestsOf(later)).length ? ingestsOf(later) : null);
  expect(run!.papersRead).toBeGreaterThan(0);
  expect(watcher.child.exitCode).toBeNull();
}, 300_000);

test("Ctrl-C stops an idle watch with exit code 0", async () => {
  watcher.child.kill("SIGINT");
  const { code, out } = await watcher.exited;
  expect(code).toBe(0);
  expect(out).toMatch(/watch: stopped: \d+ file\(s\) ingested/);
}, 60_000);
