// All configuration is read here, once, from the environment. Defaults match docker-compose.yml.
import * as path from "node:path";

export interface Neo4jTarget {
  /** bolt:// or neo4j:// (cluster routing) URI; null means "start the managed local Neo4j". */
  readonly uri: string | null;
  readonly user: string;
  readonly password: string;
  readonly database: string | undefined;
}

export interface Config {
  readonly home: string;
  readonly neo4j: Neo4jTarget;
  /** Bolt port of the managed Neo4j; 0 picks a free one. */
  readonly managedBoltPort: number;
  readonly managedHeapMb: number;
  readonly managedPageCacheMb: number;
  readonly java: string;
  readonly port: number;
  readonly host: string;
  readonly apiKey: string | undefined;
  /** Who the key's holder is: recorded on every correction they make (Curation.who). */
  readonly apiKeyName: string;
  readonly corsOrigins: readonly string[];
  /** Per-query Neo4j transaction timeout for API reads. */
  readonly queryTimeoutMs: number;
  readonly production: boolean;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const uri = nonEmpty(env.NEO4J_URI) ?? null;
  if (uri && !/^(bolt|neo4j)(\+s|\+ssc)?:\/\//.test(uri)) {
    throw new ConfigError(`NEO4J_URI "${uri}" is not a Neo4j URI; use bolt://host:7687, neo4j://host:7687 or neo4j+s://… (Aura)`);
  }
  if (!uri && (nonEmpty(env.NEO4J_USER) || nonEmpty(env.NEO4J_PASSWORD))) {
    throw new ConfigError("NEO4J_USER/NEO4J_PASSWORD are set but NEO4J_URI is not; set NEO4J_URI too, or unset them to use the managed local Neo4j");
  }
  return {
    home: path.resolve(nonEmpty(env.TECHTREE_HOME) ?? ".techtree"),
    neo4j: {
      uri,
      user: nonEmpty(env.NEO4J_USER) ?? "neo4j",
      password: env.NEO4J_PASSWORD ?? "",
      database: nonEmpty(env.NEO4J_DATABASE),
    },
    managedBoltPort: intEnv(env, "TECHTREE_NEO4J_BOLT_PORT", 7687, 0, 65535),
    managedHeapMb: intEnv(env, "TECHTREE_NEO4J_HEAP_MB", 1024, 256, 65536),
    managedPageCacheMb: intEnv(env, "TECHTREE_NEO4J_PAGECACHE_MB", 512, 16, 65536),
    java: nonEmpty(env.TECHTREE_JAVA) ?? defaultJava(env),
    port: intEnv(env, "PORT", 4000, 0, 65535),
    host: nonEmpty(env.HOST) ?? "127.0.0.1",
    apiKey: nonEmpty(env.TECHTREE_API_KEY),
    apiKeyName: nonEmpty(env.TECHTREE_API_KEY_NAME) ?? "api-key",
    corsOrigins: (nonEmpty(env.CORS_ORIGINS) ?? "").split(",").map((s) => s.trim()).filter(Boolean),
    queryTimeoutMs: intEnv(env, "TECHTREE_QUERY_TIMEOUT_MS", 10_000, 100, 600_000),
    production: env.NODE_ENV === "production",
  };
}

function defaultJava(env: NodeJS.ProcessEnv): string {
  // Neo4j 5.26 needs Java 17 or 21; the machine default JDK 17 is preferred over a newer JAVA_HOME.
  const jdk17 = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java";
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (require("node:fs").existsSync(jdk17)) return jdk17;
  const home = nonEmpty(env.JAVA_HOME);
  return home ? path.join(home, "bin", "java") : "java";
}

function nonEmpty(v: string | undefined): string | undefined {
  return v !== undefined && v.trim() !== "" ? v.trim() : undefined;
}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name}=${raw} is not a whole number between ${min} and ${max}`);
  }
  return n;
}
