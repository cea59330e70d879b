// Every query of examples/queries.graphql (and so every README query) runs against the seed
// graph through Apollo without errors and with data. Mutations are covered by api.test.ts.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, print, type OperationDefinitionNode } from "graphql";
import { createApollo } from "../../src/api/server";
import { createContext } from "../../src/api/context";
import { readConfig } from "../../src/config";
import type { Db } from "../../src/graph/db";
import { freshSeedGraph, testDb } from "../helpers/neo4j";
import { recomputeTopics } from "../../src/topics/recompute";

const doc = parse(fs.readFileSync(path.join(__dirname, "..", "..", "examples", "queries.graphql"), "utf8"));
const queries = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === "OperationDefinition" && d.operation === "query");

let db: Db;
const config = readConfig({ NODE_ENV: "test" });
const apollo = createApollo(config);

beforeAll(async () => {
  db = testDb();
  await apollo.start();
  await freshSeedGraph(db);
  await recomputeTopics(db);
});

afterAll(async () => {
  await apollo.stop();
  await db.close();
});

const expectedNotFound = new Set(["DidYouMean"]);
// The seed graph has had no corrections.
const expectedEmpty = new Set(["Curations"]);

test.each(queries.map((q) => [q.name!.value, q]))("%s", async (name, op) => {
  const res = await apollo.executeOperation({ query: print(op), variables: {} }, { contextValue: createContext(db, config) });
  if (res.body.kind !== "single") throw new Error("unexpected incremental response");
  const { data, errors } = res.body.singleResult;
  if (expectedNotFound.has(name)) {
    expect(errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    return;
  }
  expect(errors).toBeUndefined();
  if (expectedEmpty.has(name)) {
    expect(Object.values(data ?? {}).some(hasContent)).toBe(false);
    return;
  }
  // Every top-level field answers something: a connection with no edges and a total of 0 is nothing.
  for (const [field, value] of Object.entries(data ?? {})) expect({ field, answered: hasContent(value) }).toEqual({ field, answered: true });
});

function hasContent(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.some(hasContent);
  if (typeof v === "object") return Object.values(v).some(hasContent);
  return true;
}
