// `npm run bench:api [-- N]`: every query field of the schema, one representative query each (the
// explorer's included), p50/p99 under CONNECTIONS concurrent clients over HTTP, beside the same
// question asked as raw Cypher: the named statements the resolvers run, through neo4j-driver with
// the same concurrency. Loopback only, bounded in time and count.
//
// autocannon drives the API from a process of its own (bench/load.ts). The two sides take turns for
// BENCH_ROUNDS rounds and each figure is the median over the rounds, so a slow spell of a shared
// machine does not land on one side only. The load average is printed beside the table.
//
//   npm run bench:api                  the graph as it is (the seed is ingested into an empty one)
//   npm run bench:api -- 100000        a graph of 100,000 papers of the bench corpus: used as it is when
//                                      it holds that many, else built (TECHTREE_BENCH_WIPE=1 lets it wipe)
//   BENCH_SECONDS=5 BENCH_ROUNDS=3 BENCH_WARMUP_SECONDS=10 BENCH_CONNECTIONS=10 BENCH_SERVER=process
//   BENCH_ONLY=trending,stats
import "./production";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readConfig } from "../src/config";
import { ingestFiles } from "../src/ingest/ingest";
import { connect } from "../src/runtime";
import { startServer } from "../src/api/server";
import { Db } from "../src/graph/db";
import { fromRoot } from "../src/paths";
import { refreshDerived } from "../src/derived/refresh";
import type { LoadResult } from "./load";
import { percentile } from "./percentile";
import { CASES, resolveSubjects, twin, type Case } from "./api-cases";
import { writeCorpus } from "./corpus";
import { startApi } from "./serve";

const SECONDS = intEnv("BENCH_SECONDS", 5, 1, 60);
const CONNECTIONS = intEnv("BENCH_CONNECTIONS", 10, 1, 64);
const MAX_REQUESTS = intEnv("BENCH_MAX_REQUESTS", 50_000, 100, 200_000);
const ROUNDS = intEnv("BENCH_ROUNDS", 3, 1, 9);
// Each field's question is asked for this long on each side before its rounds. A freshly started
// Neo4j runs a new statement several times slower than once the JVM has compiled its code paths:
// FlashAttention's lineage cost 3.1 ms of Neo4j CPU per request over its first 5,000 requests and
// 0.8 ms after 25,000 (2026-12-06), and with 2 s of warm-up the first of three rounds on a
// restarted server read a p99 of 634 ms against 71 ms in the third. The bench measures the
// service in its steady state; BENCH_WARMUP_SECONDS=2 gives the old, colder figures.
const WARMUP_SECONDS = intEnv("BENCH_WARMUP_SECONDS", 10, 0, 120);
const SERVER_MODE = process.env.BENCH_SERVER === "process" ? "process" : "inline";
const ONLY = (process.env.BENCH_ONLY ?? "").split(",").map((s) => s.trim()).filter(Boolean);

interface Run { p50: number; p99: number; rps: number; requests: number; errors: number }
interface Row { field: string; question: string; graphql: Run; cypher: Run | null }

async function main(): Promise<void> {
  const size = process.argv[2] === undefined ? null : Number(process.argv[2]);
  if (size !== null && (!Number.isInteger(size) || size < 1)) throw new Error(`usage: npm run bench:api [-- N], N a number of papers, not ${process.argv[2]}`);
  const config = readConfig();
  const log = (l: string) => process.stderr.write(`${l}\n`);
  const rt = await connect(config, log);
  let server: { stop(): Promise<void> | void } | undefined;
  try {
    await rt.db.applySchema();
    const uri = rt.managed?.uri ?? config.neo4j.uri!;
    await ensureGraph(rt.db, uri, size, log);
    const [stats] = await rt.db.read<{ papers: number }>("read/stats");
    const subjects = await resolveSubjects(rt.db);
    const started = SERVER_MODE === "process" ? await startApi(uri) : await startInline(uri);
    server = started;
    const loadBefore = loadAverage();
    const rows: Row[] = [];
    for (const c of CASES.filter((x) => ONLY.length === 0 || ONLY.includes(x.field))) {
      const query = c.graphql(subjects);
      await check(started.url, c, query);
      // The twin reads as the API does (Db.beginRead): its statements in one request's read session.
      const cypher = c.cypher ? async (db: Db) => {
        const open = db.beginRead();
        try {
          return await c.cypher!(twin(open.tx), subjects);
        } finally {
          await open.close();
        }
      } : null;
      // The twin too: one that fails (a statement's parameters changed) would measure nothing.
      if (cypher) await cypher(rt.db).catch((err: unknown) => { throw new Error(`${c.field}: the Cypher twin fails: ${(err as Error).message}`); });
      if (WARMUP_SECONDS > 0) {
        await graphqlRun(started.url, query, WARMUP_SECONDS);
        if (cypher) await cypherRun(rt.db, cypher, WARMUP_SECONDS);
      }
      const g: Run[] = [];
      const d: Run[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        g.push(await graphqlRun(started.url, query, SECONDS));
        if (cypher) d.push(await cypherRun(rt.db, cypher, SECONDS));
        log(`${c.field} round ${round}/${ROUNDS}: GraphQL p50 ${g.at(-1)!.p50.toFixed(1)} / p99 ${g.at(-1)!.p99.toFixed(1)} ms` + (cypher ? `, Cypher p50 ${d.at(-1)!.p50.toFixed(1)} / p99 ${d.at(-1)!.p99.toFixed(1)} ms` : ""));
      }
      rows.push({ field: c.field, question: c.question, graphql: medianRun(g), cypher: cypher ? medianRun(d) : null });
    }
    process.stdout.write(table(rows, stats?.papers ?? 0, loadBefore, loadAverage()));
  } finally {
    await server?.stop();
    await rt.close();
  }
}

/** The graph the bench needs: N papers of the bench corpus (built when absent), or whatever is there. */
async function ensureGraph(db: Db, uri: string, size: number | null, log: (l: string) => void): Promise<void> {
  const [stats] = await db.read<{ papers: number }>("read/stats");
  const papers = stats?.papers ?? 0;
  if (size === null) {
    if (papers > 0) return;
    log("empty graph: ingesting the seed first");
    await ingestFiles(db, [fromRoot("seeds", "000_db28a67034f59696.txt")]);
    await refreshDerived(db);
    return;
  }
  if (papers === size) return;
  if (process.env.TECHTREE_BENCH_WIPE !== "1") {
    throw new Error(`the graph holds ${papers} papers, not ${size}: set TECHTREE_BENCH_WIPE=1 to let the bench wipe it and ingest ${size} papers of the bench corpus`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-bench-api-"));
  const file = path.join(dir, `corpus-${size}.jsonl`);
  try {
    writeCorpus(file, size);
    log(`wiping the graph and ingesting ${size} papers (techtree ingest, then topics and trending)`);
    await db.wipe();
    const r = spawnSync(process.execPath, [fromRoot("bin", "techtree.js"), "ingest", file], { env: { ...process.env, NEO4J_URI: uri }, stdio: ["ignore", "inherit", "inherit"] });
    if (r.status !== 0) throw new Error(`techtree ingest exited with ${r.status}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One request first: a query that fails (unknown name, bad argument) would measure nothing. */
async function check(url: string, c: Case, query: string): Promise<void> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { errors?: { message: string }[]; data?: unknown };
  if (body.errors?.length) throw new Error(`${c.field}: ${body.errors[0]!.message}\n${query}`);
}

/** The API in this process, on its own driver (as `techtree serve` would have), 127.0.0.1 only. */
async function startInline(uri: string): Promise<{ url: string; stop(): Promise<void> }> {
  const config = readConfig({ ...process.env, NEO4J_URI: uri, HOST: "127.0.0.1", PORT: "0", NODE_ENV: "production" });
  const db = new Db({ uri, user: config.neo4j.user, password: config.neo4j.password, database: config.neo4j.database });
  const server = await startServer(db, config, () => {});
  return { url: server.url, stop: async () => { await server.stop(); await db.close(); } };
}

async function graphqlRun(url: string, query: string, seconds: number): Promise<Run> {
  const r = await runLoad({
    url, method: "POST", connections: CONNECTIONS, duration: seconds, maxOverallRequests: MAX_REQUESTS,
    headers: { "content-type": "application/json" }, body: JSON.stringify({ query }),
  });
  return { p50: r.p50, p99: r.p99, rps: r.requests / r.duration, requests: r.requests, errors: r.errors };
}

/** autocannon in a process of its own (bench/load.ts), as a real client is. */
function runLoad(opts: Record<string, unknown>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, "load.js"), JSON.stringify(opts)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code === 0) resolve(JSON.parse(out) as LoadResult);
      else reject(new Error(`the load generator exited with ${code}`));
    });
  });
}

/** CONNECTIONS workers asking the question back to back until the time or count is used up. */
async function cypherRun(db: Db, work: (db: Db) => Promise<unknown>, seconds: number): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const worker = async () => {
    while (performance.now() < deadline && latencies.length + errors < MAX_REQUESTS) {
      const t0 = performance.now();
      try {
        await work(db);
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), rps: latencies.length / elapsed, requests: latencies.length, errors };
}

/** Median p50, p99 and requests/s over the rounds; requests and errors summed. */
function medianRun(runs: Run[]): Run {
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  };
  return {
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    rps: median(runs.map((r) => r.rps)),
    requests: runs.reduce((n, r) => n + r.requests, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
  };
}

function loadAverage(): string {
  return os.loadavg().map((x) => x.toFixed(2)).join(", ");
}

function table(rows: Row[], papers: number, before: string, after: string): string {
  const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  const lines = [
    `${papers.toLocaleString("en")} papers; API served ${SERVER_MODE === "inline" ? "from the bench process" : "by a separate `techtree serve` process"} (NODE_ENV=production); ${CONNECTIONS} concurrent clients on 127.0.0.1; ${ROUNDS} round(s) of ${SECONDS} s per side after ${WARMUP_SECONDS} s of warm-up; medians over the rounds; load average (1, 5, 15 min) ${before} before, ${after} after`,
    "",
    "| field | question | GraphQL p50 ms | GraphQL p99 ms | GraphQL req/s | Cypher p50 ms | Cypher p99 ms | GraphQL/Cypher p50 | errors |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of rows) {
    const c = r.cypher;
    lines.push(`| ${r.field} | ${r.question} | ${f(r.graphql.p50)} | ${f(r.graphql.p99)} | ${f(r.graphql.rps)} | ${c ? f(c.p50) : "n/a"} | ${c ? f(c.p99) : "n/a"} | ${c ? `${(r.graphql.p50 / c.p50).toFixed(2)}x` : ""} | ${r.graphql.errors + (c?.errors ?? 0)} |`);
  }
  return lines.join("\n") + "\n";
}

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name}=${raw} must be a whole number from ${min} to ${max}`);
  return n;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
