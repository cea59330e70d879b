// Starts a throw-away managed Neo4j on a free port for the integration tests, unless NEO4J_URI
// points at a server to use (which the tests wipe: they refuse unless TECHTREE_TEST_WIPE=1).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startNeo4j, type ManagedNeo4j } from "../../src/neo4j/launcher";
import { readConfig } from "../../src/config";

declare global {
  // eslint-disable-next-line no-var
  var __TECHTREE_NEO4J__: { managed: ManagedNeo4j | null; home: string | null } | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.NEO4J_URI) {
    if (process.env.TECHTREE_TEST_WIPE !== "1") {
      throw new Error("NEO4J_URI is set: the integration tests delete everything in that database. Set TECHTREE_TEST_WIPE=1 to allow it, or unset NEO4J_URI to let the tests start their own Neo4j.");
    }
    process.env.TECHTREE_TEST_NEO4J_URI = process.env.NEO4J_URI;
    globalThis.__TECHTREE_NEO4J__ = { managed: null, home: null };
    return;
  }
  const config = readConfig({ ...process.env, NEO4J_URI: "" });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-test-"));
  const managed = await startNeo4j({
    home, java: config.java, boltPort: 0, heapMb: 1024, pageCacheMb: 256,
    log: (line) => process.stderr.write(`[neo4j] ${line}\n`),
  });
  process.env.TECHTREE_TEST_NEO4J_URI = managed.uri;
  process.env.TECHTREE_TEST_NEO4J_START_MS = String(managed.startMs);
  globalThis.__TECHTREE_NEO4J__ = { managed, home };
}
