// `techtree up --watch DIR`: the quick start serves GraphQL and, in the same process, ingests what
// lands in the folder; the new papers are in `changes` and in the ingest log as a "watch" run, and
// Ctrl-C stops both (exit 0).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startCli, type Running } from "../helpers/cli";
import { testDb, wipe } from "../helpers/neo4j";
import { gqlClient } from "./api-http";

const SECOND_PAGE = path.join(__dirname, "..", "fixtures", "watch-second-page.txt");

let dir: string;
let seeds: string;
let up: Running;

beforeAll(async () => {
  const db = testDb();
  await wipe(db);
  await db.close();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-up-watch-"));
  seeds = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-up-seeds-"));
}, 120_000);

afterAll(async () => {
  if (up && up.child.exitCode === null) {
    up.child.kill("SIGINT");
    await up.exited;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(seeds, { recursive: true, force: true });
});

test("up --watch serves GraphQL and ingests a page dropped into the folder; Ctrl-C stops both", async () => {
  // No seed pages, so the only papers are the ones the watch brings.
  up = startCli(["up", "--port", "0", "--seeds", seeds, "--watch", dir], { HOST: "127.0.0.1", NODE_ENV: "test" });
  await up.waitFor(/techtree is serving GraphQL at http:\/\/\S+\/graphql/, 180_000);
  await up.waitFor(/watch: watching /, 60_000);
  const url = /serving GraphQL at (http:\/\/\S+\/graphql)/.exec(up.output())![1]!;
  const gql = gqlClient(url);
  const since = new Date(Date.now() - 1000).toISOString();

  fs.copyFileSync(SECOND_PAGE, path.join(dir, "2026-03-24-trending.txt"));
  await up.waitFor(/2026-03-24-trending\.txt: ingesting/, 120_000);
  const query = `query($since: DateTime!) { changes(since: $since) { paperCount papers { title } ingests { source files created } } }`;
  let changes: any = null;
  for (let i = 0; i < 600 && !(changes?.ingests?.some((r: { source: string }) => r.source === "watch")); i++) {
    await new Promise((r) => setTimeout(r, 200));
    const r = await gql(query, { since });
    expect(r.body.errors).toBeUndefined();
    changes = r.body.data.changes;
  }
  expect(changes.paperCount).toBe(5);
  const run = changes.ingests.find((r: { source: string }) => r.source === "watch");
  expect(run).toMatchObject({ created: 5, files: [path.join(dir, "2026-03-24-trending.txt")] });

  up.child.kill("SIGINT");
  const { code } = await up.exited;
  expect(code).toBe(0);
}, 420_000);
