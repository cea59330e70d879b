// Two `techtree ingest` of the same page at once on one Neo4j: each report must say what that run
// really did. Both runs look the page's papers up before either has written them, so a count taken
// from that look-up says "created" twice; only the write itself knows which run created a paper and
// which found it there. The race is made certain: the test holds the lock of the page's first paper
// (an uncommitted MERGE of its id) until both runs are waiting on it, then lets go.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Db } from "../../src/graph/db";
import { parseText } from "../../src/ingest/parse";
import type { IngestReport } from "../../src/ingest/report";
import { SEED, testDb, wipe } from "../helpers/neo4j";

jest.setTimeout(240_000);

const CLI = path.join(__dirname, "..", "..", "bin", "techtree.js");

let db: Db;
let dir: string;

beforeAll(async () => {
  db = testDb();
  await wipe(db);
  await db.applySchema();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-concurrent-counts-"));
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function ingest(report: string, file = SEED): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [CLI, "ingest", file, "--workers", "1", "--no-topics", "--report", report], {
    env: { ...process.env, NEO4J_URI: process.env.TECHTREE_TEST_NEO4J_URI }, stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, out })));
}

/** Transactions of other sessions waiting for a lock. */
async function blocked(): Promise<number> {
  const session = db.driver.session({ database: db.database });
  try {
    const r = await session.run("SHOW TRANSACTIONS YIELD status WHERE status STARTS WITH 'Blocked' RETURN count(*) AS n");
    return (r.records[0]!.get("n") as { toNumber(): number }).toNumber();
  } finally {
    await session.close();
  }
}

/** Runs `start` while the test holds paper `id`'s lock, and lets go once two transactions wait for a lock. */
async function racing<T>(id: string, start: () => T[]): Promise<T[]> {
  const session = db.driver.session({ database: db.database });
  const hold = session.beginTransaction();
  let runs: T[] = [];
  try {
    await hold.run("MERGE (p:Paper {id: $id})", { id });
    runs = start();
    const end = Date.now() + 180_000;
    while ((await blocked()) < 2) {
      if (Date.now() > end) throw new Error("the two ingests never both waited to write");
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await hold.rollback();
    await session.close();
  }
  return runs;
}

test("two concurrent ingests of the same papers: one run counts them created, the other found them there", async () => {
  const papers = parseText(fs.readFileSync(SEED, "utf8"), SEED, "seed").papers;
  const first = papers.map((p) => p.id).sort()[0]!;
  // Both runs look their papers up and wait to write them (one on the held paper, the other on it or on the first run's).
  const runs = await racing(first, () => [ingest(path.join(dir, "a.json")), ingest(path.join(dir, "b.json"))]);
  const exits = await Promise.all(runs);
  expect(exits.map((e) => e.code)).toEqual([0, 0]);
  const reports = ["a.json", "b.json"].map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as IngestReport);
  const counts = reports.map((r) => ({ created: r.created, updated: r.updated, unchanged: r.unchanged })).sort((x, y) => y.created - x.created);
  expect(counts).toEqual([
    { created: papers.length, updated: 0, unchanged: 0 },
    { created: 0, updated: 0, unchanged: papers.length },
  ]);
  const [stats] = await db.read<{ papers: number }>("read/stats");
  expect(stats?.papers).toBe(papers.length);
});

test("two concurrent ingests of one new paper from two sources: the paper keeps both sources", async () => {
  await wipe(db);
  const title = "Serving Mixture-of-Experts Models on Commodity GPUs";
  const pageFile = path.join(dir, "page.txt");
  fs.writeFileSync(pageFile, `2024-01-02\n\n${title}\n\nWe present ExpertServe, a serving system for mixture-of-experts models that builds on vLLM.\n`);
  const arxivFile = path.join(dir, "arxiv.jsonl");
  fs.writeFileSync(arxivFile, JSON.stringify({ id: "2401.00001", authors: "Ada Author", title, categories: "cs.DC", update_date: "2024-01-02",
    abstract: "We present ExpertServe, a serving system for mixture-of-experts models that builds on vLLM. ExpertServe outperforms vLLM by 1.8x." }) + "\n");
  const [paper] = parseText(fs.readFileSync(pageFile, "utf8"), pageFile, "seed").papers;
  const exits = await Promise.all(await racing(paper!.id, () => [ingest(path.join(dir, "p.json"), pageFile), ingest(path.join(dir, "x.json"), arxivFile)]));
  expect(exits.map((e) => e.code)).toEqual([0, 0]);
  const rows = await db.readTx(async (tx) => (await tx.run("MATCH (p:Paper) WHERE NOT coalesce(p.stub, false) RETURN p.sources AS s, p.arxivId AS a")).records);
  expect(rows.map((r) => [[...(r.get("s") as string[])].sort(), r.get("a")])).toEqual([[["arxiv:2401.00001", `page:${pageFile}`], "2401.00001"]]);
  // The run that wrote second found the paper there, planned without the other's source: it ran its batch again.
  const counts = ["p.json", "x.json"].map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as IngestReport).map((r) => `${r.created} created, ${r.updated} updated`);
  expect(counts.sort()).toEqual(["0 created, 1 updated", "1 created, 0 updated"]);
  expect(exits.map((e) => e.out).join("\n")).toMatch(/StalePlan on attempt 1/);
});
