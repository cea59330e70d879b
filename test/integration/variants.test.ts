// VARIANT_OF on Neo4j: derived from the whole entity list (src/derived/variants.ts), so it holds in
// whichever order the two entities arrived, goes when the base goes, and keeps no orphan alive.
import type { Db } from "../../src/graph/db";
import { run } from "../../src/graph/db";
import { refreshVariants } from "../../src/derived/variants";
import { testDb, wipe } from "../helpers/neo4j";

let db: Db;
beforeAll(async () => { db = testDb(); await wipe(db); });
afterAll(() => db.close());

const entity = (id: string, name: string) => ({ id, key: id.slice(id.indexOf(":") + 1), name, kind: "Model", aliases: [], aliasKeys: [] });
const edges = () => db.readTx(async (tx) => (await tx.run("MATCH (a)-[:VARIANT_OF]->(b) RETURN a.id + ' -> ' + b.id AS e ORDER BY e")).records.map((r) => r.get("e") as string));

test("a size is a variant of its model, in either order of arrival; the edge goes with the base and holds no orphan", async () => {
  await db.writeTx((tx) => run(tx, "write/merge-entities", { rows: [entity("model:llama27b", "Llama-2-7B")], now: new Date().toISOString() }));
  expect(await refreshVariants(db)).toBe(0);
  await db.writeTx((tx) => run(tx, "write/merge-entities", { rows: [entity("model:llama2", "Llama 2"), entity("model:flashattention2", "FlashAttention-2")], now: new Date().toISOString() }));
  expect(await refreshVariants(db)).toBe(1);
  expect(await edges()).toEqual(["model:llama27b -> model:llama2"]);
  // Orphan cleanup: no paper mentions either, so both go; VARIANT_OF keeps neither.
  await db.writeTx((tx) => run(tx, "write/delete-orphan-entities", { ids: ["model:llama2", "model:llama27b"] }));
  expect(await edges()).toEqual([]);
  expect(await refreshVariants(db)).toBe(0);
});
