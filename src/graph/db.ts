// The one seam to Neo4j: a driver plus read/write transactions over named statements.
// Sessions are closed in finally, driver errors are mapped to ours, results come back as plain JS.
// Writes retry transient errors (deadlocks between concurrent writers above all) with our own
// bounded, jittered backoff and a log line per retry; reads keep the driver's managed retry.
import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type Result, type Session } from "neo4j-driver";
import { isContention, isRetryable, mapDriverError, shortCode, TransientWriteError } from "./errors";
import { recordToObject } from "./convert";
import { migrate } from "./migrations";
import { statement, schemaStatements, type StatementName } from "./statements";

export interface DbOptions {
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  readonly database?: string;
  /** Where retry lines go (default: stderr). */
  readonly log?: (line: string) => void;
  /** Overrides of WRITE_RETRY (tests use a single attempt to see the give-up path). */
  readonly writeRetry?: Partial<RetryPolicy>;
}

export type Params = Record<string, unknown>;

/** What a statement runs in: a managed read transaction, one attempt of a write (see writeTx), or an open read session (beginRead). */
export type Tx = Pick<ManagedTransaction, "run">;

/** A read session left open for several statements, each its own auto-commit read (Db.beginRead). */
export interface OpenRead {
  readonly tx: Tx;
  close(): Promise<void>;
}

/** How writeTx retries a transaction that failed with a retryable error. */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  readonly maxAttempts: number;
  /** The delay ceiling after the first failure; it doubles per attempt up to maxDelayMs. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** No attempt starts later than this after the first one began. */
  readonly maxRetryTimeMs: number;
}

/**
 * Enough for 4 concurrent shard writers on 2 cores (docs/scale.md): deadlock victims come back
 * within 0.1-0.4 s, and a storm gives up after ~20 s of waiting in all rather than hanging.
 */
export const WRITE_RETRY: RetryPolicy = { maxAttempts: 10, initialDelayMs: 100, maxDelayMs: 5_000, maxRetryTimeMs: 60_000 };

/**
 * The pause after the attempt-th failure: half the exponential ceiling plus a random part of the
 * other half ("equal jitter"), so two deadlock victims do not come back in lockstep.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface WriteOptions {
  /** Server-side transaction timeout per attempt. */
  readonly timeoutMs?: number;
  /** What is written, for the retry log line and errors ("batch corpus.jsonl:1-500"). */
  readonly label?: string;
}

export class Db {
  readonly driver: Driver;
  /** The server's address, as messages name it. */
  readonly uri: string;
  readonly database: string | undefined;
  private readonly log: (line: string) => void;
  private readonly writeRetry: RetryPolicy;
  private schema: Promise<void> | undefined;

  constructor(opts: DbOptions) {
    this.driver = neo4j.driver(opts.uri, neo4j.auth.basic(opts.user, opts.password), {
      disableLosslessIntegers: false,
      connectionAcquisitionTimeout: 5_000,
      connectionTimeout: 5_000,
      maxTransactionRetryTime: 3_000,
      logging: { level: "error", logger: () => {} },
      userAgent: "techtree",
      // Nothing reads the server's notifications (planner warnings such as a property key no node
      // has yet): turned off, the server skips them and every result's summary is smaller.
      notificationFilter: { minimumSeverityLevel: "OFF" },
    });
    this.uri = opts.uri;
    this.database = opts.database;
    this.log = opts.log ?? ((line) => process.stderr.write(line + "\n"));
    this.writeRetry = { ...WRITE_RETRY, ...opts.writeRetry };
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

  /**
   * A read session held open across several statements, for the API: one per GraphQL request
   * (src/api/reader.ts). Each statement runs as its own auto-commit transaction, RUN and PULL in one
   * socket write. An explicit transaction around them cost a BEGIN and a COMMIT more per request:
   * three messages to write, and for the server to handle, instead of one for a one-statement
   * request (CPU per request before and after: docs/benchmarks.md). Nothing is lost by it: Neo4j
   * reads at read-committed isolation, so an explicit read transaction gave its statements no
   * common snapshot either. Not retried: a read that fails fails its request, and the API's
   * breaker handles an unavailable database. Every statement carries the timeout; close() closes
   * the sessions.
   */
  beginRead(timeoutMs?: number): OpenRead {
    const config = timeoutMs ? { timeout: timeoutMs } : undefined;
    // A session runs one auto-commit statement at a time, and a request's DataLoaders may read in
    // parallel: a statement takes an idle session of this request, or opens one (a pooled connection).
    const sessions: Session[] = [];
    const idle: Session[] = [];
    const take = (): Session => {
      const free = idle.pop();
      if (free) return free;
      const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
      sessions.push(session);
      return session;
    };
    let closed: Promise<void> | undefined;
    return {
      tx: {
        run: ((text: string, params?: Params) => {
          const session = take();
          return session.run(text, params, config).then(
            (result) => { idle.push(session); return result; },
            (err: unknown) => { idle.push(session); throw err; },
          );
        }) as unknown as Tx["run"],
      },
      close: () => (closed ??= Promise.all(sessions.map((s) => s.close().catch(() => {
        // A session whose connection broke has nothing left to release.
      }))).then(() => undefined)),
    };
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

  /**
   * Several statements in one write transaction: all of them land, or none. A retryable failure
   * (DeadlockDetected, LockAcquisitionTimeout, a lost connection or leader switch) rolls the attempt
   * back and runs `work` again after retryDelayMs, logging one line per retry; `work` must therefore
   * be safe to repeat (every ingest statement is an idempotent MERGE). Explicit transactions, not
   * executeWrite: the driver's own loop (1 s first delay, only a time budget, silent) would nest
   * inside this one. Contention that outlasts WRITE_RETRY ends in a TransientWriteError.
   */
  async writeTx<T>(work: (tx: Tx) => Promise<T>, opts: WriteOptions = {}): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await this.retrying(opts.label ?? "write", () => attemptWrite(session, work, opts.timeoutMs));
    } finally {
      await session.close();
    }
  }

  /** Runs `attempt` until it succeeds, fails with a non-retryable error, or WRITE_RETRY runs out. */
  private async retrying<T>(label: string, attempt: () => Promise<T>): Promise<T> {
    const policy = this.writeRetry;
    const started = Date.now();
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (err) {
        const elapsed = Date.now() - started;
        const delay = retryDelayMs(policy, n);
        if (!isRetryable(err) || n >= policy.maxAttempts || elapsed + delay > policy.maxRetryTimeMs) {
          throw isContention(err) ? new TransientWriteError(err.code, n, elapsed, err) : mapDriverError(err);
        }
        this.log(`neo4j: ${label}: ${shortCode(err.code)} on attempt ${n} of ${policy.maxAttempts}, retrying in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** One named write statement in its own write transaction (under writeTx's retry). */
  async write<T>(name: StatementName, params: Params = {}, timeoutMs?: number): Promise<T[]> {
    return this.writeTx((tx) => run<T>(tx, name, params), { timeoutMs, label: name });
  }

  /**
   * One named write statement in its own write transaction after the corrections' lock
   * (write/curation-lock), for writers besides ingest batches and corrections that lock papers or
   * entities (the derived refresh): every such writer takes that lock first, so all of them lock in
   * one order and none can hold what another holding the lock waits for (docs/scale.md).
   */
  async writeInTurn<T>(name: StatementName, params: Params = {}): Promise<T[]> {
    return this.writeTx(async (tx) => {
      await run(tx, "write/curation-lock");
      return run<T>(tx, name, params);
    }, { label: name });
  }

  /**
   * A statement that manages its own transactions (CALL ... IN TRANSACTIONS needs an auto-commit
   * one), under the same retry as writeTx: such statements must be safe to run again from the
   * start, since the inner transactions before a deadlock stay committed.
   */
  async autoCommit(name: StatementName, params: Params = {}): Promise<void> {
    const session = this.driver.session({ database: this.database });
    try {
      await this.retrying(name, async () => { await session.run(statement(name), params); });
    } finally {
      await session.close();
    }
  }

  /** Deletes every node and relationship, indexes and constraints kept: for tests and benchmarks. */
  async wipe(): Promise<void> {
    await this.autoCommit("write/wipe-relationships");
    await this.autoCommit("write/wipe-nodes");
  }

  /**
   * Constraints and indexes, then the one-off migrations this database has not had
   * (src/graph/migrations.ts); once per Db, so once per process. What exists already is read
   * first, so the usual run takes no schema lock at all; a missing one is created under writeTx's
   * retry, and a concurrent process creating the same one first counts as done.
   */
  applySchema(): Promise<void> {
    this.schema ??= this.createSchema().catch((err: unknown) => {
      this.schema = undefined;
      throw err;
    });
    return this.schema;
  }

  private async createSchema(): Promise<void> {
    const states = new Map((await this.read<{ name: string; state: string }>("read/schema-objects")).map((r) => [r.name, r.state]));
    const wanted = schemaStatements();
    for (const s of wanted.filter((w) => !states.has(w.object))) {
      try {
        await this.writeTx(async (tx) => { await tx.run(s.text); }, { label: `schema ${s.object}` });
      } catch (err) {
        if (!SCHEMA_RACE.has((err as { code?: string }).code ?? "")) throw err;
      }
    }
    if (wanted.some((w) => states.get(w.object) !== "ONLINE")) await this.read("read/await-indexes");
    await migrate(this, this.log);
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

/** A concurrent creator made the same constraint or index between our look and our CREATE. */
const SCHEMA_RACE = new Set([
  "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
  "Neo.ClientError.Schema.ConstraintAlreadyExists",
  "Neo.ClientError.Schema.IndexAlreadyExists",
]);

/** One attempt of writeTx: commit if `work` succeeds, roll back if anything fails. */
async function attemptWrite<T>(session: Session, work: (tx: Tx) => Promise<T>, timeoutMs?: number): Promise<T> {
  const tx = session.beginTransaction(timeoutMs ? { timeout: timeoutMs } : undefined);
  try {
    const result = await work(tx);
    await tx.commit();
    return result;
  } catch (err) {
    if (tx.isOpen()) await tx.rollback().catch(() => {});
    throw err;
  }
}

export async function run<T>(tx: Tx, name: StatementName, params: Params = {}): Promise<T[]> {
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
export async function runCounted<T>(tx: Tx, name: StatementName, params: Params = {}): Promise<{ rows: T[]; counts: WriteCounts }> {
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
function runText(tx: Tx, text: string, params: Params, name: StatementName): Promise<QueryResult> {
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
