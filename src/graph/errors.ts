// Driver errors mapped to ours at the seam, so the API can tell "database down" from "bad query".
import { Neo4jError, isRetryableError } from "neo4j-driver";

export class DatabaseUnavailableError extends Error {
  override readonly name = "DatabaseUnavailableError";
}

export class QueryTimeoutError extends Error {
  override readonly name = "QueryTimeoutError";
}

const UNAVAILABLE = new Set(["ServiceUnavailable", "SessionExpired", "Neo.ClientError.Database.DatabaseNotFound"]);

export function mapDriverError(err: unknown): unknown {
  if (err instanceof Neo4jError) {
    if (UNAVAILABLE.has(err.code) || err.code.startsWith("Neo.TransientError.General.DatabaseUnavailable")) {
      return new DatabaseUnavailableError(`Neo4j is unavailable: ${err.message}`);
    }
    if (err.code === "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration" || err.code.includes("TransactionTimedOut")) {
      return new QueryTimeoutError("the query took longer than the configured transaction timeout");
    }
    if (isRetryableError(err) && err.code !== "Neo.TransientError.Transaction.DeadlockDetected") {
      return new DatabaseUnavailableError(`Neo4j is unavailable: ${err.message}`);
    }
  }
  return err;
}
