// The one seam to Neo4j: a driver plus managed read/write transactions over named statements.
// Sessions are closed in finally, driver errors are mapped to ours, results come back as plain JS.
import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type Result } from "neo4j-driver";
import { mapDriverError } from "./errors";
import { recordToObject } from "./convert";
import { migrate } from "./migrations";
import { statement, schemaStatements, type StatementName } from "./statements";

export interface DbOptions {
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  readonly database?: string;
}

export type Params = Record<string, unknown>;

export class Db {
  readonly driver: Driver;
  readonly database: string | undefined;

  constructor(opts: DbOptions) {
    this.driver = neo4j.driver(opts.uri, neo4j.auth.basic(opts.user, opts.password), {
      disableLosslessIntegers: false,
      connectionAcquisitionTimeout: 5_000,
      connectionTimeout: 5_000,
      maxTransactionRetryTime: 3_000,
      logging: { level: "error", logger: () => {} },
      userAgent: "techtree",
    });
    this.database = opts.database;
  }

  async verify(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.database });
    } catch (err) {
      throw mapDriverError(err);
    }
  }

  /** One named read statement in a managed read transaction (routed to readers on a cluster). */
  async read<T>(name: StatementName, params: Params = {}, timeoutMs?: number): Promise<T[]> {
    return this.readTx((tx) => run<T>(tx, name, params), timeoutMs);
  }

  async readTx<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs?: number): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead(work, timeoutMs ? { timeout: timeoutMs } : undefined);
    } catch (err) {
      throw mapDriverError(err);
    } finally {
      await session.close();
    }
  }

  /** Several statements in one managed write transaction: all of them land, or none. */
  async writeTx<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs?: number): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(work, timeoutMs ? { timeout: timeoutMs } : undefined);
    } catch (err) {
      throw mapDriverError(err);
    } finally {
      await session.close();
    }
  }

  /** One named write statement in its own managed write transaction. */
  async write<T>(name: StatementName, params: Params = {}, timeoutMs?: number): Promise<T[]> {
    return this.writeTx((tx) => run<T>(tx, name, params), timeoutMs);
  }

  /** A statement that manages its own transactions (CALL ... IN TRANSACTIONS needs an auto-commit one). */
  async autoCommit(name: StatementName, params: Params = {}): Promise<void> {
    const session = this.driver.session({ database: this.database });
    try {
      await session.run(statement(name), params);
    } catch (err) {
      throw mapDriverError(err);
    } finally {
      await session.close();
    }
  }

  /**
   * Creates constraints and indexes (idempotent: every schema file uses IF NOT EXISTS), then runs
   * the one-off migrations this database has not had (src/graph/migrations.ts).
   */
  async applySchema(log?: (line: string) => void): Promise<void> {
    const session = this.driver.session({ database: this.database });
    try {
      for (const s of schemaStatements()) await session.run(s.text);
      await session.run("CALL db.awaitIndexes(300)");
    } catch (err) {
      throw mapDriverError(err);
    } finally {
      await session.close();
    }
    await migrate(this, log);
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

export async function run<T>(tx: ManagedTransaction, name: StatementName, params: Params = {}): Promise<T[]> {
  const result = await runText(tx, statement(name), params, name);
  return result.records.map((r) => recordToObject<T>(r));
}

/** What a write statement changed, from the query summary. */
export interface WriteCounts {
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
}

/** Like run, plus the statement's update counters (for ingest reports). */
export async function runCounted<T>(tx: ManagedTransaction, name: StatementName, params: Params = {}): Promise<{ rows: T[]; counts: WriteCounts }> {
  const result = await runText(tx, statement(name), params, name);
  const u = result.summary.counters.updates();
  return {
    rows: result.records.map((r) => recordToObject<T>(r)),
    counts: { nodesCreated: u.nodesCreated, nodesDeleted: u.nodesDeleted, relationshipsCreated: u.relationshipsCreated, relationshipsDeleted: u.relationshipsDeleted },
  };
}

/**
 * tx.run without the driver's per-result stack trace: every Result formats `new Error().stack` up
 * front, only to graft it onto a failure later, and that was 5-10 % of the API's CPU (docs/api.md).
 * A failure carries the statement's name in its stack instead; it stays the same driver error, so
 * its code still drives retries and mapDriverError.
 */
function runText(tx: ManagedTransaction, text: string, params: Params, name: StatementName): Promise<QueryResult> {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let result: Result;
  try {
    result = tx.run(text, params);
  } finally {
    Error.stackTraceLimit = limit;
  }
  return result.catch((err: unknown) => {
    if (err instanceof Error) err.stack = `${err.stack ?? `${err.name}: ${err.message}`}\n    in Cypher statement ${name}`;
    throw err;
  });
}
