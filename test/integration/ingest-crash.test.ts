// Crash safety: `techtree ingest` killed at any moment (SIGKILL) or stopped with SIGINT, then run
// again, ends with exactly the graph of an uninterrupted run. Runs the built CLI (npm test builds).
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeCorpus } from "../../bench/corpus";
import type { Db } from "../../src/graph/db";
import { testDb, wipe } from "../helpers/neo4j";

const ROOT = path.join(__dirname, "..", "..");
const CLI = path.join(ROOT, "bin", "techtree.js");
const N = 2000;
let db: Db;
let dir: string;
let corpus: string;

function startIngest(): ChildProcess {
  return spawn(process.execPath, [CLI, "ingest", corpus, "--batch-size", "100", "--workers", "1"], {
    env: { ...process.env, NEO4J_URI: process.env.TECHTREE_TEST_NEO4J_URI },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; out: string }> {
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, out })));
}

async function papers(): Promise<number> {
  const rows = await db.readTx(async (tx) => (await tx.run("MATCH (p:Paper) RETURN count(p) AS n")).records);
  return Number(rows[0]!.get("n"));
}

async function waitForPapers(min: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await papers()) >= min) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${min} papers after 60 s`);
}

/** Every node (labels, properties) and relationship (type, ends, properties), sorted and hashed. */
async function fingerprint(): Promise<{ nodes: number; rels: number; hash: string }> {
  const key = (labels: string[], props: Record<string, unknown>) => `${[...labels].sort().join(":")}${JSON.stringify(Object.entries(props).sort(([a], [b]) => a.localeCompare(b)))}`;
  const nodes = await db.readTx(async (tx) => (await tx.run("MATCH (n) RETURN labels(n) AS l, properties(n) AS p")).records.map((r) => key(r.get("l"), r.get("p"))));
  const rels = await db.readTx(async (tx) =>
    (await tx.run("MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS a, b.id AS b, properties(r) AS p")).records.map(
      (r) => `${r.get("a")}-${r.get("t")}${JSON.stringify(Object.entries(r.get("p") as object).sort(([x], [y]) => x.localeCompare(y)))}->${r.get("b")}`,
    ),
  );
  const hash = createHash("sha256").update(nodes.sort().join("\n")).update(rels.sort().join("\n")).digest("hex");
  return { nodes: nodes.length, rels: rels.length, hash };
}

let reference: { nodes: number; rels: number; hash: string };

beforeAll(async () => {
  db = testDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-crash-"));
  corpus = path.join(dir, "corpus.jsonl");
  writeCorpus(corpus, N, 7);
  await wipe(db);
  const run = await exited(startIngest());
  expect(run.code).toBe(0);
  reference = await fingerprint();
  expect(await papers()).toBe(N);
}, 300_000);

afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("SIGKILL mid-run, then a re-run: exactly the graph of an uninterrupted run", async () => {
  await wipe(db);
  const child = startIngest();
  const done = exited(child);
  await waitForPapers(N / 4);
  child.kill("SIGKILL");
  await done;
  const partial = await papers();
  expect(partial).toBeLessThan(N);
  const again = await exited(startIngest());
  expect(again.code).toBe(0);
  expect(again.out).toMatch(new RegExp(`${partial} unchanged`));
  expect(await fingerprint()).toEqual(reference);
}, 300_000);

test("SIGINT finishes the batch in flight, exits 130, and a re-run completes the same graph", async () => {
  await wipe(db);
  const child = startIngest();
  const done = exited(child);
  await waitForPapers(N / 4);
  child.kill("SIGINT");
  const stopped = await done;
  expect(stopped.code).toBe(130);
  expect(stopped.out).toMatch(/interrupted/);
  const partial = await papers();
  expect(partial % 100).toBe(0); // whole batches only
  expect(partial).toBeLessThan(N);
  const again = await exited(startIngest());
  expect(again.code).toBe(0);
  expect(await fingerprint()).toEqual(reference);
}, 300_000);
