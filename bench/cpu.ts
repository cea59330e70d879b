// `npm run bench:cpu -- QUERY_FILE [N]`: the CPU one GraphQL request costs, in the API process and in
// Neo4j, rather than its latency. On a shared two-core machine a p99 moves by 5-20 ms between runs,
// while CPU per request, read from /proc around N requests, compares two builds within a few
// percent (docs/benchmarks.md uses it for every paired change since 2026-12-06).
//
// It starts `techtree serve` of this build against NEO4J_URI, asks the query 300 times to warm up,
// then N times (default 3,000) from 10 concurrent clients on keep-alive connections, and prints one
// JSON line: serveMs and neo4jMs (CPU per request), p50 and p99 (ms), rps. Neo4j's CPU is read from
// its process: NEO4J_PID, else the local process listening on NEO4J_URI's bolt port, as `npm run
// bench` finds it (neo4jMs is null when there is none). A freshly started Neo4j compiles its code paths
// over some 20,000 requests: warm it well before comparing, and alternate the builds you compare.
import "./production";
import * as fs from "node:fs";
import * as http from "node:http";
import { startApi } from "./serve";
import { percentile } from "./percentile";
import { cpuSeconds, neo4jProcess } from "./proc";

const CLIENTS = 10;
const WARM_UP = 300;

async function main(): Promise<void> {
  const [file, count] = process.argv.slice(2);
  const n = count === undefined ? 3_000 : Number(count);
  if (!file || !Number.isInteger(n) || n < CLIENTS) throw new Error("usage: npm run bench:cpu -- QUERY_FILE [N >= 10]   (NEO4J_URI must be set)");
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error("set NEO4J_URI: bench:cpu measures a running Neo4j and never starts one");
  const body = JSON.stringify({ query: fs.readFileSync(file, "utf8") });
  const neo4j = process.env.NEO4J_PID ? Number(process.env.NEO4J_PID) : neo4jProcess(uri);
  if (neo4j === null) process.stderr.write(`bench:cpu: no local process listens on ${uri}; Neo4j's CPU is not measured (set NEO4J_PID)\n`);
  const api = await startApi(uri);
  try {
    const url = new URL(api.url);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const ask = () => post(url, agent, body);
    await clients(WARM_UP, ask, []);
    const serve0 = cpuSeconds(api.child.pid!), neo0 = neo4j === null ? 0 : cpuSeconds(neo4j);
    const started = performance.now();
    const latencies: number[] = [];
    await clients(n, ask, latencies);
    const seconds = (performance.now() - started) / 1000;
    const serve1 = cpuSeconds(api.child.pid!), neo1 = neo4j === null ? 0 : cpuSeconds(neo4j);
    const ms = (seconds: number) => Math.round((seconds * 1000) / n * 1000) / 1000;
    latencies.sort((a, b) => a - b);
    process.stdout.write(`${JSON.stringify({
      requests: n,
      serveMs: ms(serve1 - serve0),
      neo4jMs: neo4j === null ? null : ms(neo1 - neo0),
      p50: round1(percentile(latencies, 0.5)),
      p99: round1(percentile(latencies, 0.99)),
      rps: Math.round(n / seconds),
      load: fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" "),
    })}\n`);
    agent.destroy();
  } finally {
    api.stop();
  }
}

/** `total` requests from CLIENTS concurrent loops; each latency (ms) is pushed to `out`. */
async function clients(total: number, ask: () => Promise<number>, out: number[]): Promise<void> {
  let left = total;
  const loop = async () => {
    while (left > 0) {
      left--;
      out.push(await ask());
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, loop));
}

function post(url: URL, agent: http.Agent, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", agent, headers: { "content-type": "application/json" } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => {
        if (res.statusCode !== 200 || text.includes('"errors"')) reject(new Error(`the API answered ${res.statusCode}: ${text.slice(0, 300)}`));
        else resolve(performance.now() - t0);
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

const round1 = (x: number) => Math.round(x * 10) / 10;

main().catch((err: unknown) => {
  process.stderr.write(`bench:cpu: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
