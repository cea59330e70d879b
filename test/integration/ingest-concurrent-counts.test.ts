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

function ingest(report: string): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [CLI, "ingest", SEED, "--workers", "1", "--no-topics", "--report", report], {
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

test("two concurrent ingests of the same papers: one run counts them created, the other found them there", async () => {
  const papers = parseText(fs.readFileSync(SEED, "utf8"), SEED, "seed").papers;
  const first = papers.map((p) => p.id).sort()[0]!;
  const session = db.driver.session({ database: db.database });
  const hold = session.beginTransaction();
  let runs: Promise<{ code: number | null; out: string }>[] = [];
  try {
    await hold.run("MERGE (p:Paper {id: $id})", { id: first });
    runs = [ingest(path.join(dir, "a.json")), ingest(path.join(dir, "b.json"))];
    // Both runs have looked their papers up and wait to write them (one on the held paper, the other on it or on the first run's).
    const end = Date.now() + 180_000;
    while ((await blocked()) < 2) {
      if (Date.now() > end) throw new Error("the two ingests never both waited to write");
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await hold.rollback();
    await session.close();
  }
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
