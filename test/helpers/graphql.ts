// Helpers for integration tests that call the API in-process, as the corrections' tests do: a GraphQL
// operation through Apollo's executeOperation with the context a request would get, and Cypher
// reads whose integers come back as plain numbers, so counts compare as plain values.
import type { Db } from "../../src/graph/db";
import { createContext } from "../../src/api/context";
import type { createApollo } from "../../src/api/server";
import type { Config } from "../../src/config";

export interface GqlResult { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }

export interface InProcessClient {
  /** The whole answer, errors included; `bearer` is the request's key (null: none), `cfg` the service's configuration. */
  gql(query: string, variables?: Record<string, unknown>, bearer?: string | null, cfg?: Config): Promise<GqlResult>;
  /** The answer's data, expecting no errors. */
  ok(query: string, variables?: Record<string, unknown>): Promise<Record<string, any>>;
}

/**
 * An in-process client of the Apollo server and Db a test file sets up in beforeAll (hence the
 * getters), with `config` and the bearer `key` unless a call names others. No HTTP: api-http.ts's
 * gqlClient posts to a running server instead.
 */
export function inProcessClient(apollo: () => ReturnType<typeof createApollo>, db: () => Db, config: Config, key: string): InProcessClient {
  const gql = async (query: string, variables: Record<string, unknown> = {}, bearer: string | null = key, cfg: Config = config): Promise<GqlResult> => {
    const res = await apollo().executeOperation({ query, variables }, { contextValue: createContext(db(), cfg, bearer) });
    if (res.body.kind !== "single") throw new Error("unexpected incremental response");
    return res.body.singleResult as GqlResult;
  };
  const ok = async (query: string, variables: Record<string, unknown> = {}): Promise<Record<string, any>> => {
    const r = await gql(query, variables);
    expect(r.errors).toBeUndefined();
    return r.data!;
  };
  return { gql, ok };
}

/** The rows of a Cypher read, each as an object of its columns, Neo4j integers as numbers. */
export async function rows<T>(db: Db, cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return db.readTx(async (tx) => (await tx.run(cypher, params)).records.map((r) =>
    Object.fromEntries(Object.entries(r.toObject()).map(([k, v]) => [k, neo4jInt(v)])) as T));
}

function neo4jInt(v: unknown): unknown {
  return v !== null && typeof v === "object" && "low" in v && "high" in v && Object.keys(v).length === 2 ? Number((v as { low: number }).low) : v;
}
