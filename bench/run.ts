// `npm run bench`: ingest throughput, write-only limit, peak RSS, where the time goes, topics and
// query latency on a synthetic corpus (bench/corpus.ts). Needs NEO4J_URI (a database it may wipe:
// set TECHTREE_BENCH_WIPE=1). Usage: node dist/bench/run.js [N...]   (default 10000). Prints one
// table row per N, then where the end-to-end ingest spent its CPU: parsing (from a parse-only pass),
// extraction (from the one-worker rate), the ingest process in all, and Neo4j (read from /proc for
// the process listening on the bolt port), beside the wall time and the load average.
// BENCH_QUERIES_ONLY=1 measures only the lineage and search latencies on the graph already there.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { luceneQuery } from "../src/api/lucene";
import { STUB_ROOM } from "../src/api/fields/search";
import { Db } from "../src/graph/db";
import { walkLineage } from "../src/graph/lineage";
import { extractFacts } from "../src/ingest/extract";
import { parseInput } from "../src/ingest/parse";
import { createExtractor } from "../src/ingest/workers";
import { writeBatch, type BatchItem } from "../src/ingest/write/writer";
import type { Paper } from "../src/domain";
import { writeCorpus } from "./corpus";
import { cpuSeconds, neo4jProcess } from "./proc";

const BATCH = 500;

async function readAll(file: string): Promise<Paper[]> {
  const out: Paper[] = [];
  for await (const { event } of parseInput({ file })) if (event.kind === "paper") out.push(event.paper);
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

/**
 * Runs the real CLI (`techtree ARGS`) to its exit, timing it from spawn to exit and sampling its
 * peak RSS (VmHWM) from /proc every 200 ms. Everything the command does counts, start-up included.
 */
interface CliRun {
  secs: number;
  peakRssMb: number;
  /** CPU seconds of the techtree process (all its threads), last sampled before it exited. */
  cpuSecs: number;
  /** CPU seconds Neo4j spent meanwhile (NaN when its process could not be found). */
  neo4jCpuSecs: number;
}

function cli(args: readonly string[], neo4jPid: number | null): Promise<CliRun> {
  const started = Date.now();
  const neo4jStart = neo4jPid ? cpuSeconds(neo4jPid) : Number.NaN;
  const child = spawn(process.execPath, [path.join(__dirname, "..", "..", "bin", "techtree.js"), ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let peak = 0;
  let cpu = 0;
  const sample = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      cpu = Math.max(cpu, cpuSeconds(child.pid!));
    } catch {
      // exited
    }
  };
  const timer = setInterval(sample, 100);
  child.stderr!.on("data", (d: Buffer) => process.stderr.write(d));
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => {
      clearInterval(timer);
      const neo4jCpuSecs = neo4jPid ? cpuSeconds(neo4jPid) - neo4jStart : Number.NaN;
      if (code === 0) resolve({ secs: (Date.now() - started) / 1000, peakRssMb: peak, cpuSecs: cpu, neo4jCpuSecs });
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

async function bench(db: Db, n: number, neo4jPid: number | null): Promise<{ row: string; breakdown: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-bench-"));
  const file = path.join(dir, `corpus-${n}.jsonl`);
  writeCorpus(file, n);
  const parseStarted = process.cpuUsage();
  const papers = await readAll(file);
  const parseUsage = process.cpuUsage(parseStarted);
  const parseCpu = (parseUsage.user + parseUsage.system) / 1e6;
  // Extraction rate does not depend on N; BENCH_SKIP_EXTRACT_RATE=1 saves its minutes on big runs.
  const skipRate = process.env.BENCH_SKIP_EXTRACT_RATE === "1";
  const x1 = skipRate ? Number.NaN : await extractRate(papers, 1);
  const x2 = skipRate ? Number.NaN : await extractRate(papers, 2);
  // Write-only: the same rows, extracted beforehand, written with no extraction running.
  const items: BatchItem[] = papers.map((p) => ({ facts: extractFacts(p) }));
  papers.length = 0;
  await db.wipe();
  await db.applySchema();
  let t = Date.now();
  for (let i = 0; i < items.length; i += BATCH) await writeBatch(db, items.slice(i, i + BATCH));
  const writeOnly = n / ((Date.now() - t) / 1000);
  items.length = 0;
  // End to end: the CLI on a wiped database (topics and trending apart, timed below).
  await db.wipe();
  const load = os.loadavg()[0]!.toFixed(2);
  const e2e = await cli(["ingest", "--no-topics", file], neo4jPid);
  // Topics (a full recompute, then the trending lists) timed on their own.
  const topics = await cli(["topics"], neo4jPid);
  const endToEnd = n / e2e.secs;
  const { lin, search } = await queries(db);
  fs.rmSync(dir, { recursive: true, force: true });
  const f = (x: number) => (Number.isNaN(x) ? "not run" : x.toFixed(0));
  const s1 = (x: number) => (Number.isNaN(x) ? "n/a" : `${x.toFixed(0)} s`);
  const extractCpu = n / x1;
  const row = `| ${n.toLocaleString("en")} | ${f(x1)} | ${f(x2)} | ${f(endToEnd)} (${e2e.secs.toFixed(0)} s) | ${f(writeOnly)} | ${(endToEnd / writeOnly).toFixed(2)} | ${f(e2e.peakRssMb)} MB | ${lin.p50.toFixed(1)} / ${lin.p99.toFixed(1)} ms | ${search.p50.toFixed(1)} / ${search.p99.toFixed(1)} ms | ${topics.secs.toFixed(0)} s, ${f(topics.peakRssMb)} MB | ${load} |`;
  const breakdown = `| ${n.toLocaleString("en")} | ${e2e.secs.toFixed(0)} s | ${s1(parseCpu)} | ${s1(extractCpu)} | ${s1(e2e.cpuSecs - parseCpu - extractCpu)} | ${s1(e2e.cpuSecs)} | ${s1(e2e.neo4jCpuSecs)} | ${((e2e.cpuSecs + e2e.neo4jCpuSecs) / e2e.secs).toFixed(2)} | ${s1(topics.secs)} (Neo4j ${s1(topics.neo4jCpuSecs)}) |`;
  return { row, breakdown };
}

/** Queries on the graph as it is: lineage of the 50 most built-on entities, full-text search. */
async function queries(db: Db): Promise<{ lin: { p50: number; p99: number }; search: { p50: number; p99: number } }> {
  const roots = (await db.readTx(async (tx) => (await tx.run("MATCH (e:Entity)<-[:BUILDS_ON]-() RETURN e.id AS id, count(*) AS c ORDER BY c DESC LIMIT 50")).records)).map((r) => r.get("id") as string);
  const words = ["attention", "quantization throughput", "serving latency", "cache", "mixture of experts", "training memory"];
  const lin = await latency(db, (i) => db.readTx((tx) => walkLineage(tx, "down", [roots[i % roots.length]!], 3, 100)));
  // As papers(search) asks it (src/api/fields/papers.ts): the words escaped, room for stubs, no since bound.
  const search = await latency(db, (i) => db.read("read/papers-search", { query: luceneQuery(words[i % words.length]!), first: 10, room: STUB_ROOM, since: null, sinceDay: null }));
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
    const neo4jPid = neo4jProcess(uri);
    process.stdout.write(`cores ${os.availableParallelism()}, node ${process.version}, Neo4j process ${neo4jPid ?? "not found on this machine"}\n`);
    const rows: string[] = [];
    const breakdowns: string[] = [];
    for (const n of sizes.length ? sizes : [10_000]) {
      const r = await bench(db, n, neo4jPid);
      rows.push(r.row);
      breakdowns.push(r.breakdown);
      process.stderr.write(`${r.row}\n`);
    }
    process.stdout.write("| N | extract papers/s, 1 worker | extract papers/s, 2 workers | end-to-end papers/s | write-only papers/s | end-to-end / write-only | peak RSS (ingest) | lineage p50 / p99 | search p50 / p99 | topics and trending (time, peak RSS) | load (1 min) |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    process.stdout.write(rows.join("\n") + "\n\nWhere the end-to-end ingest spent its CPU (parse: a parse-only pass; extract: N / the one-worker rate; rest: the ingest process minus both, i.e. rows, driver and the main thread):\n\n");
    process.stdout.write("| N | wall | parse CPU | extract CPU | rest of the ingest process | ingest process CPU | Neo4j CPU | cores busy | topics and trending (Neo4j CPU) |\n|---|---|---|---|---|---|---|---|---|\n");
    process.stdout.write(breakdowns.join("\n") + "\n");
  } finally {
    await db.close();
  }
}

void main();
