// The load generator of bench/api.ts, run as its own process: `node dist/bench/load.js '<json>'`
// runs autocannon with those options and prints one JSON line: LoadResult. A client in its own
// process is what users have; on the bench process, even on a worker thread, it shared the API's
// V8 platform and heap and slowed the API it measured (see docs/api.md).
//
// Latencies are taken from autocannon's per-response event, in fractional milliseconds, because its
// own histogram truncates to whole milliseconds: a 21.9 ms answer counts as 21, which flattered the
// GraphQL side against the direct side's exact times by up to 5 % at 20 ms.
import { percentile } from "./percentile";

export interface LoadResult {
  p50: number;
  p99: number;
  /** 2xx answers. */
  requests: number;
  /** Seconds the run took. */
  duration: number;
  /** Non-2xx answers and connection errors (timeouts included). */
  errors: number;
}

interface Tracker extends PromiseLike<{ duration: number; errors: number; non2xx: number }> {
  on(event: "response", listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: (opts: Record<string, unknown>) => Tracker = require("autocannon");

async function main(raw: string | undefined): Promise<void> {
  if (!raw) throw new Error("usage: node dist/bench/load.js '<autocannon options as JSON>'");
  const opts = JSON.parse(raw) as Record<string, unknown>;
  if (typeof opts.url !== "string" || !opts.url.startsWith("http://127.0.0.1:")) throw new Error(`refusing to load anything but loopback: ${String(opts.url)}`);
  const latencies: number[] = [];
  const tracker = autocannon(opts);
  tracker.on("response", (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  const r = await tracker;
  latencies.sort((a, b) => a - b);
  const result: LoadResult = {
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    requests: latencies.length,
    duration: r.duration,
    errors: r.errors + r.non2xx,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main(process.argv[2]).catch((err: unknown) => {
  process.stderr.write(`load: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
