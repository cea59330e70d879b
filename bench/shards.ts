// `npm run bench:shards`: sharded ingest into one Neo4j, as docs/scale.md describes it. The
// synthetic corpus (bench/corpus.ts) is split into K shard files, K `techtree ingest` processes run
// at once (each with its own extraction workers), and the run is timed from the first spawn to the
// last exit. Prints papers/s per K, the ratio to K = 1, write retries, and where the CPU went.
// Needs NEO4J_URI (a database it may wipe: set TECHTREE_BENCH_WIPE=1). BENCH_NEO4J_PID (the Neo4j
// server's pid, when it runs on this machine) adds the server's CPU seconds and the CPU-bound
// ceiling: N / ((ingest + Neo4j CPU seconds) / cores), the rate if nothing else used the cores,
// which on a shared machine is steadier than the wall clock.
// Usage: node dist/bench/shards.js [N] [K...]   (default 10000 1 2 4)
//   BENCH_OVERLAP=0.25  each shard also takes a quarter of its neighbours' records (default 0)
//   BENCH_WORKERS=1     extraction threads per process (default: cores / K, at least 1)
//   BENCH_BATCH_SIZE=100  papers per write transaction (default: ingest's 500)
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Db } from "../src/graph/db";
import { writeCorpus } from "./corpus";
import { cpuSeconds } from "./proc";

const CLI = path.join(__dirname, "..", "..", "bin", "techtree.js");

interface Run { code: number | null; retries: number; cpuSecs: number; err: string }

/** CPU seconds (user + system, its waited-for children included) of a live process, or null once it is gone. */
function cpuSecs(pid: number): number | null {
  try {
    return cpuSeconds(pid, true);
  } catch {
    return null;
  }
}

/** Busy and total jiffies of the whole machine, from /proc/stat. */
function machineJiffies(): { busy: number; total: number } {
  const cpu = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - cpu[3]! - (cpu[4] ?? 0), total };
}

/** `techtree ingest FILE` to its exit; CPU time sampled every 200 ms (children's workers included). */
function ingest(file: string, workers: number): Promise<Run> {
  const batch = process.env.BENCH_BATCH_SIZE ? ["--batch-size", process.env.BENCH_BATCH_SIZE] : [];
  const child = spawn(process.execPath, [CLI, "ingest", file, "--no-topics", "--workers", String(workers), ...batch], { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  let cpu = 0;
  child.stderr.on("data", (d: Buffer) => (err += d));
  const timer = setInterval(() => { cpu = cpuSecs(child.pid!) ?? cpu; }, 200);
  return new Promise((resolve) => child.on("exit", (code) => {
    clearInterval(timer);
    resolve({ code, retries: err.match(/retrying in \d+ ms/g)?.length ?? 0, cpuSecs: cpu, err });
  }));
}

function shardFiles(corpus: string, k: number, overlap: number, dir: string): string[] {
  const lines = fs.readFileSync(corpus, "utf8").split("\n").filter(Boolean);
  const size = Math.ceil(lines.length / k);
  const extra = Math.floor(size * overlap);
  return Array.from({ length: k }, (_, i) => {
    const file = path.join(dir, `shard-${k}-${i}.jsonl`);
    fs.writeFileSync(file, lines.slice(Math.max(0, i * size - extra), Math.min(lines.length, (i + 1) * size + extra)).join("\n") + "\n");
    return file;
  });
}

async function main(): Promise<void> {
  const uri = process.env.NEO4J_URI;
  if (!uri || process.env.TECHTREE_BENCH_WIPE !== "1") {
    process.stderr.write("bench:shards: set NEO4J_URI to a Neo4j it may wipe, and TECHTREE_BENCH_WIPE=1\n");
    process.exit(2);
  }
  const [nArg, ...kArgs] = process.argv.slice(2).map(Number);
  const n = nArg ?? 10_000;
  const ks = kArgs.length ? kArgs : [1, 2, 4];
  const overlap = Number(process.env.BENCH_OVERLAP ?? 0);
  const neo4jPid = process.env.BENCH_NEO4J_PID ? Number(process.env.BENCH_NEO4J_PID) : null;
  const cores = os.availableParallelism();
  const db = new Db({ uri, user: process.env.NEO4J_USER ?? "neo4j", password: process.env.NEO4J_PASSWORD ?? "", database: process.env.NEO4J_DATABASE });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-shards-"));
  try {
    const corpus = path.join(dir, "corpus.jsonl");
    writeCorpus(corpus, n);
    await db.applySchema();
    process.stdout.write(`cores ${cores}, node ${process.version}, N ${n.toLocaleString("en")}, overlap ${overlap}\n`);
    process.stdout.write("| processes | workers each | wall | papers/s | vs 1 process | retries | machine CPU busy | ingest CPU s | Neo4j CPU s | CPU-bound ceiling papers/s | load avg before |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    let base: number | null = null;
    for (const k of ks) {
      const files = shardFiles(corpus, k, overlap, dir);
      const workers = process.env.BENCH_WORKERS ? Number(process.env.BENCH_WORKERS) : Math.max(1, Math.floor(cores / k));
      await db.wipe();
      const load = os.loadavg().map((l) => l.toFixed(2)).join(" ");
      const neo4jBefore = neo4jPid ? cpuSecs(neo4jPid) : null;
      const m0 = machineJiffies();
      const t = Date.now();
      const runs = await Promise.all(files.map((f) => ingest(f, workers)));
      const secs = (Date.now() - t) / 1000;
      const m1 = machineJiffies();
      const neo4jAfter = neo4jPid ? cpuSecs(neo4jPid) : null;
      const failed = runs.filter((r) => r.code !== 0);
      if (failed.length) throw new Error(`${failed.length} of ${k} processes failed:\n${failed.map((r) => r.err.slice(-2000)).join("\n")}`);
      const rate = n / secs;
      base ??= rate;
      const ingestCpu = runs.reduce((a, r) => a + r.cpuSecs, 0);
      const neo4jCpu = neo4jBefore !== null && neo4jAfter !== null ? neo4jAfter - neo4jBefore : null;
      const ceiling = neo4jCpu === null ? "n/a" : (n / ((ingestCpu + neo4jCpu) / cores)).toFixed(0);
      process.stdout.write(
        `| ${k} | ${workers} | ${secs.toFixed(1)} s | ${rate.toFixed(0)} | ${(rate / base).toFixed(2)} | ${runs.reduce((a, r) => a + r.retries, 0)} | ` +
          `${((100 * (m1.busy - m0.busy)) / (m1.total - m0.total)).toFixed(0)} % | ${ingestCpu.toFixed(0)} | ${neo4jCpu === null ? "n/a" : neo4jCpu.toFixed(0)} | ${ceiling} | ${load} |\n`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
}

void main().catch((err: unknown) => {
  process.stderr.write(`bench:shards: ${(err as Error).message}\n`);
  process.exit(1);
});
