// Helpers for integration tests: a Db on the test Neo4j, a wipe, and the seed ingested once.
import * as path from "node:path";
import { Db } from "../../src/graph/db";
import { ingestFiles, type IngestReport } from "../../src/ingest/ingest";
import { refreshDerived } from "../../src/derived/refresh";

export const SEED = path.join(__dirname, "..", "..", "seeds", "000_db28a67034f59696.txt");

export function testDb(): Db {
  const uri = process.env.TECHTREE_TEST_NEO4J_URI;
  if (!uri) throw new Error("no test Neo4j: run integration tests through jest (globalSetup starts one)");
  return new Db({ uri, user: process.env.NEO4J_USER ?? "neo4j", password: process.env.NEO4J_PASSWORD ?? "", database: process.env.NEO4J_DATABASE });
}

/** Deletes every node and relationship (indexes and constraints stay). */
export async function wipe(db: Db): Promise<void> {
  // CALL ... IN TRANSACTIONS needs an auto-commit transaction, hence a plain session.run.
  const session = db.driver.session({ database: db.database });
  try {
    // Relationships first in bounded transactions: a hub node's edges would overflow one transaction.
    await session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS");
    await session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS");
  } finally {
    await session.close();
  }
}

/** The seed as `techtree ingest` leaves it: papers, then topics and trending lists. */
export async function freshSeedGraph(db: Db): Promise<IngestReport> {
  await wipe(db);
  const report = await ingestFiles(db, [SEED]);
  await refreshDerived(db);
  return report;
}
