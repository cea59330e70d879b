// Driver errors mapped to ours at the seam, so the API can tell "database down" from "bad query",
// and ingest can tell "this batch lost to concurrent writers every time" from everything else.
import { Neo4jError, isRetryableError } from "neo4j-driver";

export class DatabaseUnavailableError extends Error {
  override readonly name = "DatabaseUnavailableError";
}

export class QueryTimeoutError extends Error {
  override readonly name = "QueryTimeoutError";
}

/**
 * A write transaction that still failed with a transient error (deadlock, lock timeout, outdated
 * read) after every retry of Db's write policy. Nothing of it was committed; running it again is safe.
 */
export class TransientWriteError extends Error {
  override readonly name = "TransientWriteError";
  constructor(
    /** The last driver error code, e.g. Neo.TransientError.Transaction.DeadlockDetected. */
    readonly code: string,
    readonly attempts: number,
    readonly elapsedMs: number,
    cause: unknown,
  ) {
    super(`Neo4j still answered ${shortCode(code)} after ${attempts} attempt(s) in ${(elapsedMs / 1000).toFixed(1)}s (concurrent writers on the same nodes)`, { cause });
  }
}

/**
 * A write found that what it was planned from (a look-up earlier in its transaction) had been changed
 * by a concurrent writer that committed in between: written, it would erase that writer's work. Thrown
 * inside a write transaction, it rolls the attempt back and writeTx runs it again, like a deadlock.
 */
export class StalePlanError extends Error {
  override readonly name = "StalePlanError";
  readonly code = "techtree.Transaction.StalePlan";
}

const UNAVAILABLE = new Set(["ServiceUnavailable", "SessionExpired", "Neo.ClientError.Database.DatabaseNotFound"]);
/** Transient codes of this class come from lock conflicts between transactions (DeadlockDetected, LockAcquisitionTimeout, Outdated). */
const CONTENTION = "Neo.TransientError.Transaction.";

/** "Neo.TransientError.Transaction.DeadlockDetected" -> "DeadlockDetected", for log lines. */
export function shortCode(code: string): string {
  return code.slice(code.lastIndexOf(".") + 1) || code;
}

/** Transient errors that come from concurrent transactions (lock conflicts, a stale plan), not from the server's health. */
export function isContention(err: unknown): err is Neo4jError | StalePlanError {
  return (err instanceof Neo4jError && err.code.startsWith(CONTENTION)) || err instanceof StalePlanError;
}

/**
 * What the driver classes as safe to retry: TransientError codes, lost connections, a leader switch
 * (NotALeader reaches us as SessionExpired). Not LockClientStopped or Terminated: the driver files
 * those as ClientError (a transaction stopped on purpose, e.g. by its own timeout while waiting for a lock).
 */
export function isRetryable(err: unknown): err is Neo4jError | StalePlanError {
  return isRetryableError(err) || err instanceof StalePlanError;
}

export function mapDriverError(err: unknown): unknown {
  if (err instanceof Neo4jError) {
    if (UNAVAILABLE.has(err.code) || err.code.startsWith("Neo.TransientError.General.DatabaseUnavailable")) {
      return new DatabaseUnavailableError(`Neo4j is unavailable: ${err.message}`);
    }
    if (err.code === "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration" || err.code.includes("TransactionTimedOut")) {
      return new QueryTimeoutError("the query took longer than the configured transaction timeout");
    }
    if (isRetryableError(err) && !err.code.startsWith(CONTENTION)) {
      return new DatabaseUnavailableError(`Neo4j is unavailable: ${err.message}`);
    }
  }
  return err;
}
