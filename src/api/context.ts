// What every resolver gets: the reader (timed, breaker-guarded reads), the Db for mutations,
// config, per-request loaders and the bearer token of the request.
import type { Config } from "../config";
import type { Db } from "../graph/db";
import { createLoaders, type Loaders } from "./loaders";
import { Reader } from "./reader";

export interface Context {
  /** Writes only (mutations); reads go through reader. */
  readonly db: Db;
  readonly reader: Reader;
  readonly config: Config;
  readonly loaders: Loaders;
  /** The token of `Authorization: Bearer <token>`, if the request sent one. */
  readonly bearer: string | null;
}

export function createContext(db: Db, config: Config, bearer: string | null = null): Context {
  const reader = new Reader(db, config.queryTimeoutMs);
  return { db, reader, config, loaders: createLoaders(reader), bearer };
}
