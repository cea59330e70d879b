import type { Config } from "../config";
import type { Db } from "../graph/db";
import { createLoaders, type Loaders } from "./loaders";

export interface Context {
  readonly db: Db;
  readonly config: Config;
  readonly loaders: Loaders;
}

export function createContext(db: Db, config: Config): Context {
  return { db, config, loaders: createLoaders(db, config.queryTimeoutMs) };
}
