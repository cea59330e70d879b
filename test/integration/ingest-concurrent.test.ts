// Sharded ingest (README "Scaling out", docs/scale.md): 2 and 4 `techtree ingest` processes over
// overlapping shards of one corpus, with the GraphQL ingest mutation writing part of it at the same
// time, all succeed and leave exactly the graph of one serial ingest of the corpus. Repeated,
// because a lock-order bug only shows up some of the time; the first run also starts from a database
// without constraints or indexes, so the processes race to create them. Topics and trending lists
// are derived from the whole graph by whichever writer finishes, so both runs end as docs/scale.md
// says a sharded ingest should: `techtree topics` once after the last writer.
//
// The corpus is the bench generator's synthetic arXiv records with the seed page's real abstracts
// mixed in, so that papers introducing an entity and papers using it land in different shards and
// batches (inferred citations across concurrent writers). Shards use --batch-size 50 and the
// reference run the default 500: the graph must not depend on the batching either.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { syntheticPapers } from "../../bench/corpus";
import { startServer, type RunningServer } from "../../src/api/server";
import { readConfig } from "../../src/config";
import type { Db } from "../../src/graph/db";
import { parseText } from "../../src/ingest/parse";
import { dropSchema, graphLines, lineDiff, SEED, testDb, wipe, type GraphLines } from "../helpers/neo4j";
import { gqlClient } from "./api-http";

jest.setTimeout(300_000);

const CLI = path.join(__dirname, "..", "..", "bin", "techtree.js");
const SYNTHETIC = 900;
const KEY = "concurrent-test-key";
/** Which writer stored a paper first: the one thing that may differ from the serial run. */
const PROVENANCE = ["sourceFile", "sourceLine"];

let db: Db;
let dir: string;
let lines: string[];
let corpus: string;
let server: RunningServer;
/** The serial run's graph, line by line, so that a difference names its nodes and relationships. */
let reference: GraphLines;
let retries = 0;

interface Exit { file: string; code: number | null; out: string; err: string }

function ingest(files: readonly string[], batchSize?: number): Promise<Exit> {
  return techtree(["ingest", ...files, "--workers", "1", "--no-topics", ...(batchSize ? ["--batch-size", String(batchSize)] : [])]);
}

function techtree(argv: readonly string[]): Promise<Exit> {
  const args = [CLI, ...argv];
  const child = spawn(process.execPath, args, { env: { ...process.env, NEO4J_URI: process.env.TECHTREE_TEST_NEO4J_URI }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "", err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ file: argv.slice(1).join(" "), code, out, err })));
}

/** k slices of the corpus, each overlapping its neighbours by a quarter of a slice. */
function shards(k: number): string[] {
  const size = Math.ceil(lines.length / k);
  return Array.from({ length: k }, (_, i) => {
    const file = path.join(dir, `shard-${k}-${i}.jsonl`);
    const from = Math.max(0, i * size - Math.floor(size / 4));
    const to = Math.min(lines.length, (i + 1) * size + Math.floor(size / 4));
    fs.writeFileSync(file, lines.slice(from, to).join("\n") + "\n");
    return file;
  });
}

async function papers(): Promise<number> {
  const [row] = await db.read<{ papers: number }>("read/stats");
  return row?.papers ?? 0;
}

beforeAll(async () => {
  db = testDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-concurrent-"));
  const seed = parseText(fs.readFileSync(SEED, "utf8"), SEED, "seed").papers.map((p, i) =>
    JSON.stringify({ id: `seed.${i}`, title: p.title, abstract: p.abstract, update_date: "2024-03-17", authors: "", categories: "" }));
  lines = [];
  let s = 0;
  for (const p of syntheticPapers(SYNTHETIC, 23)) {
    lines.push(JSON.stringify(p));
    if (lines.length % 8 === 0 && s < seed.length) lines.push(seed[s++]!);
  }
  lines.push(...seed.slice(s));
  corpus = path.join(dir, "corpus.jsonl");
  fs.writeFileSync(corpus, lines.join("\n") + "\n");

  await wipe(db);
  const serial = await ingest([corpus]);
  expect(serial.code).toBe(0);
  expect((await techtree(["topics"])).code).toBe(0);
  expect(await papers()).toBe(lines.length);
  reference = await graphLines(db, PROVENANCE);
  // Without inferred citations the runs below would not test inference across writers.
  const [cites] = await db.readTx(async (tx) => (await tx.run("MATCH ()-[c:CITES {inferred: true}]->() RETURN count(c) AS n")).records);
  expect(Number(cites!.get("n"))).toBeGreaterThan(0);

  server = await startServer(db, { ...readConfig({ NODE_ENV: "test", PORT: "0", TECHTREE_API_KEY: KEY }) });
});

afterAll(async () => {
  process.stderr.write(`ingest-concurrent: ${retries} write transaction(s) retried in all runs\n`);
  await server?.stop();
  await db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test.each([
  [2, 1], [2, 2], [2, 3],
  [4, 1], [4, 2], [4, 3],
])("%i shard processes and the ingest mutation at once (run %i): all succeed, the graph is the serial one", async (k, run) => {
  await wipe(db);
  if (k === 2 && run === 1) await dropSchema(db);
  const processes = Promise.all(shards(k).map((f) => ingest([f], 50)));

  // The mutation writes a middle stretch of the corpus (shared with two shards) while the shards run.
  const sent = lines.slice(Math.floor(lines.length / 3), Math.floor(lines.length / 3) + 150);
  for (let i = 0; i < 600 && (await papers()) < 50; i++) await new Promise((r) => setTimeout(r, 50));
  const mutation = await gqlClient(server.url)(
    `mutation($t: String!) { ingest(text: $t) { created updated unchanged failed messages { severity message } } }`,
    { t: sent.join("\n") }, { authorization: `Bearer ${KEY}` },
  );

  const exits = await processes;
  retries += exits.reduce((n, e) => n + (e.err.match(/retrying in \d+ ms/g)?.length ?? 0), 0);
  for (const e of exits) {
    expect({ file: e.file, code: e.code, errors: e.out.split("\n").filter((l) => / error: /.test(l)) }).toEqual({ file: e.file, code: 0, errors: [] });
  }
  expect(mutation.body.errors).toBeUndefined();
  const report = mutation.body.data.ingest;
  expect(report).toMatchObject({ failed: 0, messages: [] });
  expect(report.created + report.updated + report.unchanged).toBe(sent.length);

  expect((await techtree(["topics"])).code).toBe(0);
  const graph = await graphLines(db, PROVENANCE);
  expect({ nodes: lineDiff(reference.nodes, graph.nodes), rels: lineDiff(reference.rels, graph.rels) }).toEqual({ nodes: [], rels: [] });
});
