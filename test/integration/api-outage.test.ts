// Neo4j goes away under the running service and comes back: requests fail fast with
// DATABASE_UNAVAILABLE, /readyz says so, and the service recovers by itself. Uses its own managed
// Neo4j on a temp home (never the shared test server); a restart on the same home keeps the data.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startServer, type RunningServer } from "../../src/api/server";
import { ingestText } from "../../src/api/ingest-text";
import { readConfig, type Config } from "../../src/config";
import { Db } from "../../src/graph/db";
import { startNeo4j, type ManagedNeo4j } from "../../src/neo4j/launcher";
import { codes, gqlClient } from "./api-http";

jest.setTimeout(600_000);

const PAGE = `Mar 18

Outage Proof: Lineage That Survives Restarts

We introduce OutageNet, which builds on FlashAttention and runs on A100 GPUs.
`;

let home: string;
let neo4j: ManagedNeo4j | undefined;
let db: Db;
let server: RunningServer;
const config: Config = { ...readConfig({ NODE_ENV: "test", PORT: "0", NEO4J_URI: "" }) };
const launch = (boltPort: number) =>
  startNeo4j({ home, java: config.java, boltPort, heapMb: 512, pageCacheMb: 64, readyTimeoutMs: 300_000, log: (l) => process.stderr.write(`[outage neo4j] ${l}\n`) });

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-outage-"));
  neo4j = await launch(0);
  db = new Db({ uri: neo4j.uri, user: "neo4j", password: "" });
  await db.applySchema();
  await ingestText(db, PAGE);
  server = await startServer(db, config);
});

afterAll(async () => {
  await server?.stop();
  await db?.close();
  await neo4j?.stop();
  // Its guard may take start.lock once more as it ends (see neo4j-launcher.test.ts).
  if (home) fs.rmSync(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
});

test("stop Neo4j, fail fast, restart, recover", async () => {
  const gql = gqlClient(server.url);
  const base = server.url.replace(/\/graphql$/, "");
  const lineage = `{ technique(name: "FlashAttention") { builtOnBy { entity { name } } } }`;
  const before = (await gql(lineage)).body.data.technique.builtOnBy.map((e: any) => e.entity.name);
  expect(before.length).toBeGreaterThan(0);

  const port = neo4j!.boltPort;
  await neo4j!.stop();

  // The first request finds out (driver retries are bounded); the ones after it fail at once.
  const first = await gql(lineage);
  expect(codes(first)).toEqual(["DATABASE_UNAVAILABLE"]);
  for (let i = 0; i < 5; i++) {
    const t0 = Date.now();
    const r = await gql(lineage);
    expect(codes(r)).toEqual(["DATABASE_UNAVAILABLE"]);
    expect(Date.now() - t0).toBeLessThan(1_000);
  }
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
  expect((await fetch(`${base}/readyz`)).status).toBe(503);

  neo4j = await launch(port);
  const deadline = Date.now() + 60_000;
  let r = await gql(lineage);
  while (r.body.errors && Date.now() < deadline) {
    await new Promise((res) => setTimeout(res, 500));
    r = await gql(lineage);
  }
  expect(r.body.errors).toBeUndefined();
  expect(r.body.data.technique.builtOnBy.map((e: any) => e.entity.name)).toEqual(before);
  expect((await fetch(`${base}/readyz`)).status).toBe(200);
});
