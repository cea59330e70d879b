// `npm run bench:cpu -- QUERY_FILE [N]`: the CPU one GraphQL request costs, in the API process and in
// Neo4j, rather than its latency. On a shared two-core machine a p99 moves by 5-20 ms between runs,
// while CPU per request, read from /proc around N requests, compares two builds within a few
// percent (docs/benchmarks.md uses it for every paired change since 2026-12-06).
//
// It starts `techtree serve` of this build against NEO4J_URI, asks the query 300 times to warm up,
// then N times (default 3,000) from 10 concurrent clients on keep-alive connections, and prints one
// JSON line: serveMs and neo4jMs (CPU per request), p50 and p99 (ms), rps. Neo4j's CPU is read from
// its process: NEO4J_PID, else the one local java process that runs Neo4j's server entry point
// (neo4jMs is null when there is none or several). A freshly started Neo4j compiles its code paths
// over some 20,000 requests: warm it well before comparing, and alternate the builds you compare.
import "./production";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import { startApi } from "./serve";
import { percentile } from "./percentile";

const CLIENTS = 10;
const WARM_UP = 300;

async function main(): Promise<void> {
  const [file, count] = process.argv.slice(2);
  const n = count === undefined ? 3_000 : Number(count);
  if (!file || !Number.isInteger(n) || n < CLIENTS) throw new Error("usage: npm run bench:cpu -- QUERY_FILE [N >= 10]   (NEO4J_URI must be set)");
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error("set NEO4J_URI: bench:cpu measures a running Neo4j and never starts one");
  const body = JSON.stringify({ query: fs.readFileSync(file, "utf8") });
  const neo4j = neo4jPid();
  const api = await startApi(uri);
  try {
    const url = new URL(api.url);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const ask = () => post(url, agent, body);
    await clients(WARM_UP, ask, []);
    const serve0 = cpuTicks(api.child.pid!), neo0 = neo4j === null ? 0 : cpuTicks(neo4j);
    const started = performance.now();
    const latencies: number[] = [];
    await clients(n, ask, latencies);
    const seconds = (performance.now() - started) / 1000;
    const serve1 = cpuTicks(api.child.pid!), neo1 = neo4j === null ? 0 : cpuTicks(neo4j);
    const ms = (ticks: number) => Math.round((ticks * 1000) / TICKS_PER_SECOND / n * 1000) / 1000;
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

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU of a process so far, in clock ticks (/proc/PID/stat fields 14 and 15). */
function cpuTicks(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

function neo4jPid(): number | null {
  if (process.env.NEO4J_PID) return Number(process.env.NEO4J_PID);
  const found = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)).filter((d) => {
    try {
      const argv = fs.readFileSync(`/proc/${d}/cmdline`, "utf8").split("\0");
      return /(^|\/)java$/.test(argv[0]!) && argv.some((a) => a.startsWith("org.neo4j.server.") && a.endsWith("EntryPoint"));
    } catch {
      return false;
    }
  });
  if (found.length !== 1) process.stderr.write(`bench:cpu: ${found.length} local Neo4j processes; set NEO4J_PID to measure Neo4j's CPU\n`);
  return found.length === 1 ? Number(found[0]) : null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

main().catch((err: unknown) => {
  process.stderr.write(`bench:cpu: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
