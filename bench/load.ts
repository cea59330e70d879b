// The load generator of bench/api.ts, run as its own process: `node dist/bench/load.js '<json>'`
// runs autocannon with those options and prints its result as one JSON line. A client in its own
// process is what users have; on the bench process, even on a worker thread, it shares the API's
// V8 platform and heap and slowed the API it measured (see docs/api.md).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: (opts: Record<string, unknown>) => Promise<unknown> = require("autocannon");

const raw = process.argv[2];
if (!raw) {
  process.stderr.write("usage: node dist/bench/load.js '<autocannon options as JSON>'\n");
  process.exit(2);
}
const opts = JSON.parse(raw) as Record<string, unknown>;
if (typeof opts.url !== "string" || !opts.url.startsWith("http://127.0.0.1:")) {
  process.stderr.write(`load: refusing to load anything but loopback: ${String(opts.url)}\n`);
  process.exit(2);
}
autocannon(opts).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (err: unknown) => {
    process.stderr.write(`load: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
