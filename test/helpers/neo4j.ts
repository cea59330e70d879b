// Helpers for integration tests: a Db on the test Neo4j, a wipe, and the seed ingested once.
import { createHash } from "node:crypto";
import * as path from "node:path";
import { Db, type DbOptions } from "../../src/graph/db";
import { ingestFiles, type IngestReport } from "../../src/ingest/ingest";
import { refreshDerived } from "../../src/derived/refresh";

export const SEED = path.join(__dirname, "..", "..", "seeds", "000_db28a67034f59696.txt");

export function testDb(opts: Partial<DbOptions> = {}): Db {
  const uri = process.env.TECHTREE_TEST_NEO4J_URI;
  if (!uri) throw new Error("no test Neo4j: run integration tests through jest (globalSetup starts one)");
  return new Db({ uri, user: process.env.NEO4J_USER ?? "neo4j", password: process.env.NEO4J_PASSWORD ?? "", database: process.env.NEO4J_DATABASE, ...opts });
}

/** Drops every constraint and index (what a brand-new database has), for tests of schema creation. */
export async function dropSchema(db: Db): Promise<void> {
  const session = db.driver.session({ database: db.database });
  try {
    for (const r of (await session.run("SHOW CONSTRAINTS YIELD name")).records) await session.run(`DROP CONSTRAINT \`${r.get("name")}\``);
    for (const r of (await session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'")).records) await session.run(`DROP INDEX \`${r.get("name")}\``);
  } finally {
    await session.close();
  }
}

/** Deletes every node and relationship (indexes and constraints stay). */
export function wipe(db: Db): Promise<void> {
  return db.wipe();
}

/** The seed as `techtree ingest` leaves it: papers, then topics and trending lists. */
export async function freshSeedGraph(db: Db): Promise<IngestReport> {
  await wipe(db);
  const report = await ingestFiles(db, [SEED]);
  await refreshDerived(db);
  return report;
}

export interface Fingerprint { nodes: number; rels: number; hash: string }

/**
 * When things happened, not what the graph knows: the time a paper or entity was first stored
 * (addedAt, and a paper's datedOn, which falls back to that day) and the (:Ingest) log of runs. Two
 * runs that store the same papers at different moments, or a run killed and run again (two log
 * entries, or one), hold the same knowledge graph; fingerprints leave these out.
 */
export const WHEN = ["addedAt", "datedOn"] as const;

/**
 * Every node (labels, properties) and relationship (type, ends, properties), sorted and hashed, so
 * two graphs compare equal exactly when they hold the same data. `ignore` names properties left out
 * (e.g. a paper's sourceFile, which says which of several writers stored it first); WHEN and the
 * (:Ingest) log nodes are always left out.
 */
export async function fingerprint(db: Db, ignore: readonly string[] = []): Promise<Fingerprint> {
  const { nodes, rels } = await graphLines(db, ignore);
  const hash = createHash("sha256").update(nodes.join("\n")).update(rels.join("\n")).digest("hex");
  return { nodes: nodes.length, rels: rels.length, hash };
}

/** The sorted lines `fingerprint` hashes: one per node and one per relationship. */
export interface GraphLines { nodes: string[]; rels: string[] }

export async function graphLines(db: Db, ignore: readonly string[] = []): Promise<GraphLines> {
  const skip = new Set([...WHEN, ...ignore]);
  const props = (p: Record<string, unknown>) => JSON.stringify(Object.entries(p).filter(([k]) => !skip.has(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const nodes = await db.readTx(async (tx) =>
    (await tx.run("MATCH (n) WHERE NOT n:Ingest RETURN labels(n) AS l, properties(n) AS p")).records.map((r) => `${[...(r.get("l") as string[])].sort().join(":")}${props(r.get("p"))}`),
  );
  const rels = await db.readTx(async (tx) =>
    (await tx.run("MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS a, b.id AS b, properties(r) AS p")).records.map(
      (r) => `${r.get("a")}-${r.get("t")}${props(r.get("p"))}->${r.get("b")}`,
    ),
  );
  return { nodes: nodes.sort(), rels: rels.sort() };
}

/**
 * The lines of graph `b` that graph `a` lacks ("+") and those of `a` that `b` lacks ("-"), at most
 * `max` of each: what a failed fingerprint comparison should print, since a hash says only "differs".
 */
export function lineDiff(a: readonly string[], b: readonly string[], max = 20): string[] {
  const inA = new Set(a), inB = new Set(b);
  return [...a.filter((l) => !inB.has(l)).slice(0, max).map((l) => `- ${l}`), ...b.filter((l) => !inA.has(l)).slice(0, max).map((l) => `+ ${l}`)];
}
