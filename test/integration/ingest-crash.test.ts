// Crash safety: `techtree ingest` killed at any moment (SIGKILL) or stopped with SIGINT, then run
// again, ends with exactly the graph of an uninterrupted run. Runs the built CLI (npm test builds).
// The narrowest window, between a batch's facts and what is derived from them (inferred citations,
// Notable labels: two transactions), is hit on purpose in-process at the end.
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeCorpus } from "../../bench/corpus";
import type { Db } from "../../src/graph/db";
import { ingestFiles } from "../../src/ingest/ingest";
import { fingerprint, SEED, testDb, wipe, type Fingerprint } from "../helpers/neo4j";

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

/** `techtree watch` over a folder holding a copy of the corpus; --once exits when the folder is done. */
function startWatch(folder: string, once: boolean): ChildProcess {
  return spawn(process.execPath, [CLI, "watch", folder, "--settle", "200", "--poll", "100", "--batch-size", "100", "--workers", "1", ...(once ? ["--once"] : [])], {
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

let reference: Fingerprint;
/** The same, leaving out Paper.sourceFile: a watched folder holds its own copy of the corpus. */
let referenceAnyPath: Fingerprint;

beforeAll(async () => {
  db = testDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-crash-"));
  corpus = path.join(dir, "corpus.jsonl");
  writeCorpus(corpus, N, 7);
  await wipe(db);
  const run = await exited(startIngest());
  expect(run.code).toBe(0);
  reference = await fingerprint(db);
  referenceAnyPath = await fingerprint(db, ["sourceFile"]);
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
  expect(await fingerprint(db)).toEqual(reference);
}, 300_000);

test("techtree watch killed (SIGKILL) mid-ingest, then restarted: exactly the graph of an uninterrupted run", async () => {
  await wipe(db);
  const folder = fs.mkdtempSync(path.join(dir, "watched-"));
  fs.copyFileSync(corpus, path.join(folder, "corpus.jsonl"));
  const child = startWatch(folder, false);
  const done = exited(child);
  await waitForPapers(N / 4);
  child.kill("SIGKILL");
  await done;
  const partial = await papers();
  expect(partial).toBeLessThan(N);
  // The killed run recorded no (complete) ingest of the file, so the restart reads it again.
  const again = await exited(startWatch(folder, true));
  expect(again.code).toBe(0);
  expect(again.out).toMatch(/corpus\.jsonl: ingesting/);
  expect(again.out).toMatch(new RegExp(`${partial} unchanged`));
  expect(await fingerprint(db, ["sourceFile"])).toEqual(referenceAnyPath);
  // And once more: the file is now skipped by its hash.
  const third = await exited(startWatch(folder, true));
  expect(third.code).toBe(0);
  expect(third.out).toMatch(/corpus\.jsonl: unchanged since its ingest at .*; skipped/);
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
  expect(await fingerprint(db)).toEqual(reference);
}, 300_000);

test("stopped between a batch's facts and what is derived from them, a re-run derives it", async () => {
  // Each run is a process of its own, as with the CLI: a Db of its own (it applies the schema and
  // migrations once in its life, and the wipes here delete the migrations' record too).
  const runs: Db[] = [];
  const newProcess = () => { const d = testDb({ log: () => {} }); runs.push(d); return d; };
  try {
    await wipe(db);
    await ingestFiles(newProcess(), [SEED]);
    const seedGraph = await fingerprint(db);
    const inferred = async () => Number((await db.readTx(async (tx) => (await tx.run("MATCH ()-[c:CITES {inferred: true}]->() RETURN count(c) AS n")).records))[0]!.get("n"));
    expect(await inferred()).toBeGreaterThan(0);

    await wipe(db);
    // The process "dies" when the first batch's facts are committed and its derived data is next.
    const first = newProcess();
    const dying = Object.create(first) as Db;
    dying.writeTx = (work, opts) => (opts?.label?.startsWith("derived") ? Promise.reject(new Error("killed")) : first.writeTx(work, opts));
    await expect(ingestFiles(dying, [SEED], { batchSize: 40 })).rejects.toThrow("killed");
    const written = await papers();
    expect(written).toBeGreaterThanOrEqual(40);

    const again = await ingestFiles(newProcess(), [SEED], { batchSize: 40 });
    expect(again.unchanged).toBe(written);
    expect(await fingerprint(db)).toEqual(seedGraph);
  } finally {
    await Promise.all(runs.map((d) => d.close()));
  }
}, 120_000);
