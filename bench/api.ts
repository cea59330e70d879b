// GraphQL versus direct Cypher on the same database, loopback only, bounded in time and count.
// Two questions: "everything that builds on FlashAttention" (maxDepth 3) and a full-text search.
// autocannon drives the API over HTTP from a process of its own (bench/load.ts); the direct side
// runs the same named statements through neo4j-driver with the same concurrency. The two sides
// take turns for BENCH_ROUNDS rounds and each figure is the median over the rounds, so a slow
// spell of a shared machine does not land on one side only. BENCH_SERVER=inline (default) serves
// the API from this process on its own Db; BENCH_SERVER=process runs `techtree serve` as a
// separate process, as users run it (on a 2-core machine that adds a process hop per request).
//
//   npm run bench:api                 (managed Neo4j of $TECHTREE_HOME, or NEO4J_URI)
//   BENCH_SECONDS=10 BENCH_ROUNDS=3 BENCH_CONNECTIONS=10 BENCH_SERVER=process npm run bench:api
import "./production";
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { readConfig } from "../src/config";
import { ingestFiles } from "../src/ingest/ingest";
import { connect } from "../src/runtime";
import { luceneQuery } from "../src/api/lucene";
import { startServer } from "../src/api/server";
import { walkLineage } from "../src/graph/lineage";
import { Db } from "../src/graph/db";
import { fromRoot } from "../src/paths";
import type { LoadResult } from "./load";
import { percentile } from "./percentile";


const SECONDS = intEnv("BENCH_SECONDS", 10, 1, 60);
const CONNECTIONS = intEnv("BENCH_CONNECTIONS", 10, 1, 64);
const MAX_REQUESTS = intEnv("BENCH_MAX_REQUESTS", 50_000, 100, 200_000);
const ROUNDS = intEnv("BENCH_ROUNDS", 3, 1, 9);
const WARMUP_SECONDS = 2;
const SERVER_MODE = process.env.BENCH_SERVER === "process" ? "process" : "inline";

const SEARCH_TEXT = "KV cache compression";
const CASES = {
  lineage: {
    graphql: `{ technique(name: "FlashAttention") { builtOnBy(maxDepth: 3) { depth entity { name } } } }`,
    // What the resolvers run: the name lookup, then the level-by-level walk.
    cypher: async (db: Db) => {
      const [hit] = await db.read<{ entity: { id: string } }>("read/find-entity", { key: "flashattention", kind: "Technique" });
      if (!hit) throw new Error("FlashAttention is not in the graph");
      return db.readTx((tx) => walkLineage(tx, "down", [hit.entity.id], 3, 100));
    },
  },
  search: {
    graphql: `{ search(text: "${SEARCH_TEXT}", first: 10) { totalCount edges { score node { ... on Paper { title } ... on Entity { name } } } } }`,
    cypher: (db: Db) => db.read("read/search", { query: luceneQuery(SEARCH_TEXT), skip: 0, limit: 10 }),
  },
} as const;

interface Run { p50: number; p99: number; rps: number; requests: number; errors: number }
interface Row extends Run { question: string; client: string }

async function main(): Promise<void> {
  const config = readConfig();
  const log = (l: string) => process.stderr.write(`${l}\n`);
  const rt = await connect(config, log);
  let server: { stop(): Promise<void> | void } | undefined;
  try {
    await rt.db.applySchema();
    const [stats] = await rt.db.read<{ papers: number }>("read/stats");
    if (!stats?.papers) {
      log("empty graph: ingesting the seed first");
      await ingestFiles(rt.db, [fromRoot("seeds", "000_db28a67034f59696.txt")]);
    }
    const uri = rt.managed?.uri ?? config.neo4j.uri!;
    const started = SERVER_MODE === "process" ? await startApi(uri) : await startInline(uri);
    server = started;
    const rows: Row[] = [];
    for (const [question, c] of Object.entries(CASES)) {
      await graphqlRun(started.url, c.graphql, WARMUP_SECONDS);
      await cypherRun(rt.db, c.cypher, WARMUP_SECONDS);
      const graphql: Run[] = [];
      const cypher: Run[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        graphql.push(await graphqlRun(started.url, c.graphql, SECONDS));
        cypher.push(await cypherRun(rt.db, c.cypher, SECONDS));
        log(`${question} round ${round}/${ROUNDS}: GraphQL p50 ${graphql.at(-1)!.p50.toFixed(1)} ms, Cypher p50 ${cypher.at(-1)!.p50.toFixed(1)} ms`);
      }
      rows.push({ question, client: "GraphQL (HTTP, Apollo)", ...medianRun(graphql) });
      rows.push({ question, client: "Cypher (neo4j-driver)", ...medianRun(cypher) });
    }
    process.stdout.write(table(rows));
  } finally {
    await server?.stop();
    await rt.close();
  }
}

/** The API in this process, on its own driver (as `techtree serve` would have), 127.0.0.1 only. */
async function startInline(uri: string): Promise<{ url: string; stop(): Promise<void> }> {
  const config = readConfig({ ...process.env, NEO4J_URI: uri, HOST: "127.0.0.1", PORT: "0", NODE_ENV: "production" });
  const db = new Db({ uri, user: config.neo4j.user, password: config.neo4j.password, database: config.neo4j.database });
  const server = await startServer(db, config, () => {});
  return { url: server.url, stop: async () => { await server.stop(); await db.close(); } };
}

/** `techtree serve --port 0` in its own process, on 127.0.0.1 only, with its request log discarded. */
async function startApi(uri: string): Promise<{ child: ChildProcess; url: string; stop(): void }> {
  const child = spawn(process.execPath, [path.join(fromRoot("bin"), "techtree.js"), "serve", "--port", "0"], {
    env: { ...process.env, NEO4J_URI: uri, HOST: "127.0.0.1", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "ignore"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`the API did not start: ${out}`)), 60_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/graphql)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once("exit", (code) => reject(new Error(`the API exited (${code}): ${out}`)));
  });
  if (!url.startsWith("http://127.0.0.1:")) throw new Error(`refusing to load anything but loopback: ${url}`);
  return { child, url, stop: () => { child.kill("SIGTERM"); } };
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

/** CONNECTIONS workers calling the statement back to back until the time or count is used up. */
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

function table(rows: Row[]): string {
  const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  const lines = [
    `API served ${SERVER_MODE === "inline" ? "from the bench process" : "by a separate `techtree serve` process"} (NODE_ENV=production); ${CONNECTIONS} concurrent clients, 127.0.0.1; ${ROUNDS} rounds of ${SECONDS} s per side (after ${WARMUP_SECONDS} s warm-up), at most ${MAX_REQUESTS} requests per run; medians over the rounds, requests summed`,
    "",
    "| question | client | p50 ms | p99 ms | requests/s | requests | errors | GraphQL/Cypher p50 |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of rows) {
    const direct = rows.find((x) => x.question === r.question && x.client.startsWith("Cypher"));
    const ratio = r.client.startsWith("GraphQL") && direct ? `${(r.p50 / direct.p50).toFixed(2)}x` : "";
    lines.push(`| ${r.question} | ${r.client} | ${f(r.p50)} | ${f(r.p99)} | ${f(r.rps)} | ${r.requests} | ${r.errors} | ${ratio} |`);
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
