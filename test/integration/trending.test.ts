// Trending means something: on the seed (one listing day, so no history) the list is what the page
// is specifically about, not the words every ML abstract uses; with history, an entity whose share
// rises comes first; the lists are precomputed per window and `since` computes the same on demand.
import { createApollo } from "../../src/api/server";
import { createContext } from "../../src/api/context";
import { ingestText } from "../../src/api/ingest-text";
import { readConfig } from "../../src/config";
import { refreshDerived } from "../../src/derived/refresh";
import type { Db } from "../../src/graph/db";
import { freshSeedGraph, testDb } from "../helpers/neo4j";

let db: Db;
const config = readConfig({ NODE_ENV: "test" });
const apollo = createApollo(config);

interface Trend { entity: { name: string }; recent: number; before: number; expected: number; score: number }

async function trending(args: string): Promise<Trend[]> {
  const res = await apollo.executeOperation({ query: `{ trending(${args}) { entity { name } recent before expected score } }` }, { contextValue: createContext(db, config) });
  if (res.body.kind !== "single") throw new Error("unexpected incremental response");
  expect(res.body.singleResult.errors).toBeUndefined();
  return (res.body.singleResult.data as { trending: Trend[] }).trending;
}

/** Generic words of ML abstracts that a trending list must not lead with. */
const GENERIC = /^(gpus?|llms?|large language models?|attention|transformers?)$/i;

beforeAll(async () => {
  db = testDb();
  await apollo.start();
  await freshSeedGraph(db);
});

afterAll(async () => {
  await apollo.stop();
  await db.close();
});

test("on the seed, the top 10 holds no generic entity (GPU, LLM, attention, Transformer)", async () => {
  const top = await trending("first: 10");
  expect(top).toHaveLength(10);
  expect(top.map((t) => t.entity.name).filter((n) => GENERIC.test(n))).toEqual([]);
  for (const t of top) expect(t.recent).toBeGreaterThan(t.expected);
  expect(top.map((t) => t.score)).toEqual([...top.map((t) => t.score)].sort((a, b) => b - a));
  // The generic entities are in the graph, mentioned more often than most of the list.
  const names = (await db.read<{ entity: { name: string } }>("read/find-entities", { keys: [{ key: "gpu", singular: null }, { key: "attention", singular: null }] })).map((r) => r.entity?.name);
  expect(names.sort()).toEqual(["GPU", "attention"]);
});

test("a call is a lookup of the precomputed list; since computes the same window on demand", async () => {
  const stored = await db.read<{ entity: unknown }>("read/trends", { window: "WEEK", first: 10 });
  expect(stored.filter((r) => r.entity !== null)).toHaveLength(10);
  const week = await trending("window: WEEK, first: 10");
  // The seed's listing day is "Mar 17" (no year): a week back is from Mar 11.
  expect(await trending(`since: "Mar 11", first: 10`)).toEqual(week);
  expect((await trending("window: DAY, first: 10")).map((t) => t.entity.name)).toEqual(week.map((t) => t.entity.name));
});

test("with history, an entity whose share rises leads, and one every paper mentions does not", async () => {
  // A later page: four papers building on one entity, every one of them also running on GPUs.
  const page = ["Mar 24", ""];
  for (let i = 1; i <= 4; i++) {
    page.push(`QuillAttention-${i}: Selective State Spaces on GPUs`, "");
    page.push(`We introduce QuillAttention-${i}, a selective state space model that builds on Mamba. QuillAttention-${i} runs on A100 GPUs and outperforms Mamba by 1.${i}x in throughput on long sequences.`, "");
  }
  const report = await ingestText(db, page.join("\n"));
  expect(report.created).toBe(4);
  await refreshDerived(db);
  // Whatever extraction makes of them, the entity all four new papers mention (besides hardware)
  // is the one whose share rose from a few of the 112 earlier papers to all of the new ones.
  const shared = await db.readTx(async (tx) => (await tx.run(`
    MATCH (p:Paper) WHERE p.listedOn = date('0000-03-24')
    MATCH (p)-[:MENTIONS]->(e:Entity) WHERE e.kind <> 'Hardware'
    WITH e, count(p) AS n WHERE n = 4
    RETURN e.name AS name, COUNT { (e)<-[:MENTIONS]-() } - 4 AS before ORDER BY before, name`)).records.map((r) => r.get("name") as string));
  expect(shared.length).toBeGreaterThan(0);
  const week = await trending("window: WEEK, first: 3");
  expect(shared).toContain(week[0]!.entity.name);
  expect(week[0]!.recent).toBe(4);
  // GPU: in every new paper too, but a quarter of the earlier papers already ran on GPUs.
  const gpu = (await trending("window: WEEK, first: 100")).find((t) => t.entity.name === "GPU");
  expect(gpu === undefined || gpu.score < week[0]!.score / 4).toBe(true);
});
