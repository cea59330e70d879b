// Daily use: a day's page at a time dropped into a watched folder, and what is new asked after it.
// The digest asked of a graph that holds no ingest at all (the wrong TECHTREE_HOME, a cron job in
// another folder, whose ./.techtree is a new, empty store) said "0 new papers in 0 ingests." and
// nothing else, as if the day had brought nothing.
// A day's page dropped into a watched folder: once the ingest log lists the run (what `ingests`,
// `changes` and `techtree digest` read to say a day has arrived), the precomputed trending lists
// must already be that day's. The watch recorded the run first and refreshed topics and trending
// after it, so for a second or more trending(window: DAY) answered the day before's list while
// changes already listed the new papers.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startServer, type RunningServer } from "../../src/api/server";
import { readConfig } from "../../src/config";
import type { Db } from "../../src/graph/db";
import type { IngestRecord } from "../../src/ingest/record";
import { startCli, type Running } from "../helpers/cli";
import { SEED, testDb, wipe } from "../helpers/neo4j";
import { gqlClient } from "./api-http";

const SECOND_PAGE = path.join(__dirname, "..", "fixtures", "watch-second-page.txt");

let db: Db;
let server: RunningServer;
let gql: ReturnType<typeof gqlClient>;
let dir: string;
let watcher: Running;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  db = testDb();
  await wipe(db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-watch-trending-"));
  server = await startServer(db, readConfig({ ...process.env, PORT: "0", HOST: "127.0.0.1", NODE_ENV: "test" }));
  gql = gqlClient(server.url);
}, 120_000);

afterAll(async () => {
  if (watcher && watcher.child.exitCode === null) {
    watcher.child.kill("SIGINT");
    await watcher.exited;
  }
  await server?.stop();
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Drops a page the way the README says: written under a name the watch never reads, then renamed. */
function drop(src: string, name: string): string {
  const tmp = path.join(dir, `.${name}.part`);
  fs.copyFileSync(src, tmp);
  fs.renameSync(tmp, path.join(dir, name));
  return path.join(dir, name);
}

/** Polls the ingest log closely, so a run is seen the moment it is recorded. */
async function recorded(file: string, timeoutMs = 120_000): Promise<IngestRecord> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const rows = await db.read<{ ingest: IngestRecord }>("read/ingests", { since: null, first: 100 });
    const run = rows.map((r) => r.ingest).find((i) => i.files.includes(file));
    if (run) return run;
    if (Date.now() > end) throw new Error(`no ingest of ${file}; the watch printed:\n${watcher?.output()}`);
    await sleep(20);
  }
}

const TRENDING = `query($since: Date) {
  day: trending(window: DAY, first: 100) { entity { id } recent before }
  live: trending(since: $since, first: 100) { entity { id } recent before }
}`;

test("the digest of a graph that holds no ingest run at all says so, naming the graph it read", async () => {
  const { code, out } = await startCli(["digest", "--since", "1d"]).exited;
  expect(code).toBe(0);
  expect(out).toContain("0 new papers in 0 ingests.");
  expect(out).toContain(`digest: no ingest run is recorded in this graph at all (${process.env.TECHTREE_TEST_NEO4J_URI})`);
}, 60_000);

test("when the ingest log lists a day's run, trending(window: DAY) is already that day's list", async () => {
  watcher = startCli(["watch", dir, "--settle", "300", "--poll", "100", "--workers", "1"]);
  await watcher.waitFor(/watch: watching /);
  await recorded(drop(SEED, "mar-17.txt"));
  const run = await recorded(drop(SECOND_PAGE, "mar-24.txt"));
  // Read at once: the list precomputed for the newest day against the same list computed live.
  const { body: { data, errors } } = await gql(TRENDING, { since: "Mar 24" });
  expect(errors).toBeUndefined();
  expect(run.created).toBe(5);
  expect(data.live.length).toBeGreaterThan(0);
  expect(data.day).toEqual(data.live);
}, 240_000);
