// The API's read path to Neo4j: every read of a request runs in that request's read session (an
// auto-commit statement carrying the per-query transaction timeout, Db.beginRead), and goes
// through a circuit breaker shared by all requests on the same Db. When Neo4j is unreachable the
// breaker opens, requests fail at once with DATABASE_UNAVAILABLE instead of each waiting to
// connect, and a background probe closes it again as soon as Neo4j answers.
import { run, type Db, type OpenRead, type Params, type Tx } from "../graph/db";
import { DatabaseUnavailableError, mapDriverError } from "../graph/errors";
import type { StatementName } from "../graph/statements";
import { walkLineage, type HopDetail, type KeyedEntity, type LevelRow, type LineageHit, type LineageWalk } from "../graph/lineage";

export class Breaker {
  private openSince: number | null = null;

  constructor(private readonly db: Db, private readonly probeEveryMs = 500) {}

  get isOpen(): boolean {
    return this.openSince !== null;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.openSince !== null) throw new DatabaseUnavailableError("Neo4j is unavailable (waiting for it to come back)");
    try {
      return await work();
    } catch (err) {
      if (err instanceof DatabaseUnavailableError) this.trip();
      throw err;
    }
  }

  private trip(): void {
    if (this.openSince !== null) return;
    this.openSince = Date.now();
    const probe = () => {
      this.db.verify().then(
        () => { this.openSince = null; },
        () => { setTimeout(probe, this.probeEveryMs).unref(); },
      );
    };
    setTimeout(probe, this.probeEveryMs).unref();
  }
}

const breakers = new WeakMap<Db, Breaker>();

export function breakerFor(db: Db): Breaker {
  let b = breakers.get(db);
  if (!b) breakers.set(db, (b = new Breaker(db)));
  return b;
}

/**
 * One request's reads: all in one read session (Db.beginRead), opened at the first read and closed
 * when the response is sent (the closeReads plugin in ./server.ts), so a field that runs several
 * statements, or a query with several fields, reuses its pooled connections (one per read running
 * at the same moment). A failed read closes it; the next read of the request opens a new one.
 */
export class Reader {
  private open: OpenRead | null = null;

  constructor(private readonly db: Db, private readonly timeoutMs: number, private readonly breaker = breakerFor(db)) {}

  read<T>(name: StatementName, params: Params = {}): Promise<T[]> {
    return this.inTx((tx) => run<T>(tx, name, params));
  }

  /** Lineage walks from many roots at once, one way or both, level by level (see graph/lineage); `also`: a root's variants, walked as the root. */
  lineage<E extends KeyedEntity, V>(
    direction: LineageWalk, ids: readonly string[], maxDepth: number, first: number, evidence: HopDetail = true, minConfidence = 0,
    starts?: ReadonlyMap<string, readonly LevelRow<E, V>[]>, also?: ReadonlyMap<string, readonly string[]>,
  ): Promise<LineageHit<E, V>[]> {
    return this.inTx((tx) => walkLineage<E, V>(tx, direction, ids, maxDepth, first, evidence, minConfidence, starts, also));
  }

  /** Commits and closes the request's transaction, if a read opened one. */
  async close(): Promise<void> {
    const open = this.open;
    this.open = null;
    await open?.close();
  }

  private inTx<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.breaker.run(async () => {
      const open = (this.open ??= this.db.beginRead(this.timeoutMs));
      try {
        return await work(open.tx);
      } catch (err) {
        if (this.open === open) this.open = null;
        void open.close();
        throw mapDriverError(err);
      }
    });
  }
}
