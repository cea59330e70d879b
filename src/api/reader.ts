// The API's read path to Neo4j: every read carries the per-query transaction timeout and goes
// through a circuit breaker shared by all requests on the same Db. When Neo4j is unreachable the
// breaker opens, requests fail at once with DATABASE_UNAVAILABLE instead of each waiting out the
// driver's retries, and a background probe closes it again as soon as Neo4j answers.
import type { Db, Params } from "../graph/db";
import { DatabaseUnavailableError } from "../graph/errors";
import type { StatementName } from "../graph/statements";
import { walkLineage, type KeyedEntity, type LineageDirection, type LineageHit } from "../graph/lineage";

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

export class Reader {
  constructor(private readonly db: Db, private readonly timeoutMs: number, private readonly breaker = breakerFor(db)) {}

  read<T>(name: StatementName, params: Params = {}): Promise<T[]> {
    return this.breaker.run(() => this.db.read<T>(name, params, this.timeoutMs));
  }

  /** Lineage walks from many roots at once, level by level in one read transaction (see graph/lineage). */
  lineage<E extends KeyedEntity, V>(direction: LineageDirection, ids: readonly string[], maxDepth: number, first: number, evidence = true): Promise<LineageHit<E, V>[]> {
    return this.breaker.run(() => this.db.readTx((tx) => walkLineage<E, V>(tx, direction, ids, maxDepth, first, "auto", evidence), this.timeoutMs));
  }
}
