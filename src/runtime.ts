// Connects to the configured Neo4j, or starts the managed local one when NEO4J_URI is not set, and
// prepares the graph for the commands that read or write it.
import type { Config } from "./config";
import { repairDerived } from "./derived/repair";
import { Db } from "./graph/db";
import { startNeo4j, type ManagedNeo4j } from "./neo4j/launcher";

export interface Runtime {
  readonly db: Db;
  readonly managed: ManagedNeo4j | null;
  /**
   * What every command that reads or writes the graph runs first: constraints, indexes and the
   * migrations this graph has not had (Db.applySchema), then the keys for edges an older techtree
   * left without them (src/derived/repair.ts, one line when there were any). Once per runtime.
   */
  prepare(): Promise<void>;
  close(): Promise<void>;
}

export async function connect(config: Config, log: (line: string) => void): Promise<Runtime> {
  let managed: ManagedNeo4j | null = null;
  let uri = config.neo4j.uri;
  if (!uri) {
    managed = await startNeo4j({
      home: config.home, java: config.java, boltPort: config.managedBoltPort,
      heapMb: config.managedHeapMb, pageCacheMb: config.managedPageCacheMb, log,
    });
    uri = managed.uri;
  }
  const db = new Db({ uri, user: config.neo4j.user, password: config.neo4j.password, database: config.neo4j.database, log });
  try {
    await db.verify();
  } catch (err) {
    await db.close();
    await managed?.stop();
    throw new Error(`cannot reach Neo4j at ${uri}: ${(err as Error).message}`);
  }
  let preparing: Promise<void> | undefined;
  let closing: Promise<void> | undefined;
  return {
    db,
    managed,
    prepare: () => (preparing ??= (async () => {
      await db.applySchema();
      await repairDerived(db, log);
    })().catch((err: unknown) => {
      preparing = undefined;
      throw err;
    })),
    close: () => (closing ??= (async () => {
      await db.close();
      await managed?.stop();
    })()),
  };
}
