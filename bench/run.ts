// `npm run bench`: ingest throughput, write-only limit, peak RSS and query latency on a synthetic
// corpus (bench/corpus.ts). Needs NEO4J_URI (a database it may wipe: set TECHTREE_BENCH_WIPE=1).
// Usage: node dist/bench/run.js [N...]   (default 10000). Prints one table row per N.
// BENCH_QUERIES_ONLY=1 measures only the lineage and search latencies on the graph already there.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Db } from "../src/graph/db";
import { walkLineage } from "../src/graph/lineage";
import { extractFacts } from "../src/ingest/extract";
import { contentHash } from "../src/ingest/ingest";
import { parseFile } from "../src/ingest/parse";
import { createExtractor } from "../src/ingest/workers";
import { writeBatch, type BatchItem } from "../src/ingest/write/writer";
import { TOPICS_AUTO_MAX_PAPERS } from "../src/topics/recompute";
import type { Paper } from "../src/domain";
import { writeCorpus } from "./corpus";

const BATCH = 500;

async function readAll(file: string): Promise<Paper[]> {
  const out: Paper[] = [];
  for await (const { event } of parseFile(file)) if (event.kind === "paper") out.push(event.paper);
  return out;
}

async function extractRate(papers: readonly Paper[], workers: number): Promise<number> {
  const ex = createExtractor(workers);
  await ex.extract(papers.slice(0, 4)); // warm-up (worker start, vocabulary load)
  const t = Date.now();
  const inflight: Promise<unknown>[] = [];
  for (let i = 0; i < papers.length; i += BATCH) inflight.push(ex.extract(papers.slice(i, i + BATCH)));
  await Promise.all(inflight);
  const rate = papers.length / ((Date.now() - t) / 1000);
  await ex.close();
  return rate;
}

async function wipe(db: Db): Promise<void> {
  const s = db.driver.session({ database: db.database });
  try {
    // Relationships first, in bounded transactions: hub nodes (GPU, KV cache) have tens of
    // thousands of edges, and DETACH DELETE of 10,000 such nodes in one transaction overflows the heap.
    await s.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS");
    await s.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS");
  } finally {
    await s.close();
  }
}

/**
 * Runs the real CLI (`techtree ARGS`) to its exit, timing it from spawn to exit and sampling its
 * peak RSS (VmHWM) from /proc every 200 ms. Everything the command does counts, start-up included.
 */
function cli(args: readonly string[]): Promise<{ secs: number; peakRssMb: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(__dirname, "..", "..", "bin", "techtree.js"), ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let peak = 0;
  const sample = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {
      // exited
    }
  };
  const timer = setInterval(sample, 200);
  child.stderr!.on("data", (d: Buffer) => process.stderr.write(d));
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => {
      clearInterval(timer);
      if (code === 0) resolve({ secs: (Date.now() - started) / 1000, peakRssMb: peak });
      else reject(new Error(`techtree ${args[0]} exited with ${code}`));
    });
  });
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function latency(db: Db, fn: (i: number) => Promise<unknown>, n = 200): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 20; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { p50: pct(times, 50), p99: pct(times, 99) };
}

async function bench(db: Db, n: number): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-bench-"));
  const file = path.join(dir, `corpus-${n}.jsonl`);
  writeCorpus(file, n);
  const papers = await readAll(file);
  // Extraction rate does not depend on N; BENCH_SKIP_EXTRACT_RATE=1 saves its minutes on big runs.
  const skipRate = process.env.BENCH_SKIP_EXTRACT_RATE === "1";
  const x1 = skipRate ? Number.NaN : await extractRate(papers, 1);
  const x2 = skipRate ? Number.NaN : await extractRate(papers, 2);
  // Write-only: the same rows, extracted beforehand, written with no extraction running.
  const items: BatchItem[] = papers.map((p) => ({ facts: extractFacts(p), textHash: contentHash(p) }));
  papers.length = 0;
  await wipe(db);
  await db.applySchema();
  let t = Date.now();
  for (let i = 0; i < items.length; i += BATCH) await writeBatch(db, items.slice(i, i + BATCH));
  const writeOnly = n / ((Date.now() - t) / 1000);
  items.length = 0;
  // End to end: the CLI on a wiped database.
  await wipe(db);
  const e2e = await cli(["ingest", "--no-topics", file]);
  // Topics are their own command (ingest runs them by itself only up to TOPICS_AUTO_MAX_PAPERS).
  const topics = n <= TOPICS_AUTO_MAX_PAPERS ? await cli(["topics"]) : null;
  const endToEnd = n / e2e.secs;
  const { lin, search } = await queries(db);
  fs.rmSync(dir, { recursive: true, force: true });
  const f = (x: number) => (Number.isNaN(x) ? "not run" : x.toFixed(0));
  return `| ${n.toLocaleString("en")} | ${f(x1)} | ${f(x2)} | ${f(endToEnd)} (${e2e.secs.toFixed(0)} s) | ${f(writeOnly)} | ${(endToEnd / writeOnly).toFixed(2)} | ${f(e2e.peakRssMb)} MB | ${lin.p50.toFixed(1)} / ${lin.p99.toFixed(1)} ms | ${search.p50.toFixed(1)} / ${search.p99.toFixed(1)} ms | ${topics ? `${topics.secs.toFixed(0)} s, ${f(topics.peakRssMb)} MB` : "not run"} |`;
}

/** Queries on the graph as it is: lineage of the 50 most built-on entities, full-text search. */
async function queries(db: Db): Promise<{ lin: { p50: number; p99: number }; search: { p50: number; p99: number } }> {
  const roots = (await db.readTx(async (tx) => (await tx.run("MATCH (e:Entity)<-[:BUILDS_ON]-() RETURN e.id AS id, count(*) AS c ORDER BY c DESC LIMIT 50")).records)).map((r) => r.get("id") as string);
  const words = ["attention", "quantization throughput", "serving latency", "cache", "mixture of experts", "training memory"];
  const lin = await latency(db, (i) => db.readTx((tx) => walkLineage(tx, "down", [roots[i % roots.length]!], 3, 100)));
  const search = await latency(db, (i) => db.read("read/papers-search", { query: words[i % words.length], first: 10 }));
  return { lin, search };
}

/** BENCH_QUERIES_ONLY=1: only the query latencies, on the graph already in NEO4J_URI (nothing is wiped). */
async function queriesOnly(db: Db): Promise<void> {
  const [stats] = await db.read<{ papers: number }>("read/stats");
  const { lin, search } = await queries(db);
  process.stdout.write(`papers ${stats?.papers ?? 0}: lineage p50 ${lin.p50.toFixed(1)} / p99 ${lin.p99.toFixed(1)} ms, search p50 ${search.p50.toFixed(1)} / p99 ${search.p99.toFixed(1)} ms\n`);
}

async function main(): Promise<void> {
  const uri = process.env.NEO4J_URI;
  const onlyQueries = process.env.BENCH_QUERIES_ONLY === "1";
  if (!uri || (!onlyQueries && process.env.TECHTREE_BENCH_WIPE !== "1")) {
    process.stderr.write("bench: set NEO4J_URI to a Neo4j it may wipe, and TECHTREE_BENCH_WIPE=1 (BENCH_QUERIES_ONLY=1 needs only NEO4J_URI)\n");
    process.exit(2);
  }
  const db = new Db({ uri, user: process.env.NEO4J_USER ?? "neo4j", password: process.env.NEO4J_PASSWORD ?? "", database: process.env.NEO4J_DATABASE });
  try {
    if (onlyQueries) return await queriesOnly(db);
    const sizes = process.argv.slice(2).map(Number);
    process.stdout.write(`cores ${os.availableParallelism()}, node ${process.version}\n`);
    process.stdout.write("| N | extract papers/s, 1 worker | extract papers/s, 2 workers | end-to-end papers/s | write-only papers/s | end-to-end / write-only | peak RSS (ingest) | lineage p50 / p99 | search p50 / p99 | topics (time, peak RSS) |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (const n of sizes.length ? sizes : [10_000]) process.stdout.write((await bench(db, n)) + "\n");
  } finally {
    await db.close();
  }
}

void main();
