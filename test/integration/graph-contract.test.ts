// The graph that ingest writes holds exactly the facts that `techtree extract --json` prints:
// for every seed paper, each contract field read back from Neo4j equals the extractor's output.
import * as fs from "node:fs";
import { FACT_KINDS, factOfEdge, type FactKind } from "../../src/domain";
import type { Db } from "../../src/graph/db";
import { extractFacts } from "../../src/ingest/extract";
import { parseSeedPage } from "../../src/ingest/parse/seed-page";
import { entityId } from "../../src/ingest/write/rows";
import { freshSeedGraph, SEED, testDb } from "../helpers/neo4j";

let db: Db;

beforeAll(async () => {
  db = testDb();
  await freshSeedGraph(db);
});

afterAll(() => db.close());


test("every paper's facts read back from Neo4j equal the extractor's facts", async () => {
  const { papers } = parseSeedPage(fs.readFileSync(SEED, "utf8"), SEED);
  const rows = await db.read<{ id: string; type: string; fact: string; entity: { id: string } }>("read/paper-entities", { ids: papers.map((p) => p.id) });
  const stored = new Map<string, Record<FactKind, Set<string>>>();
  for (const r of rows) {
    const field = factOfEdge(r.fact);
    if (!field) continue;
    const rec = stored.get(r.id) ?? (Object.fromEntries(FACT_KINDS.map((k) => [k, new Set<string>()])) as Record<FactKind, Set<string>>);
    rec[field].add(r.entity.id);
    stored.set(r.id, rec);
  }
  let compared = 0;
  for (const paper of papers) {
    const facts = extractFacts(paper);
    for (const kind of FACT_KINDS) {
      const expected = new Set(facts.facts.filter((f) => f.kind === kind).map((f) => entityId(f.entity)));
      const got = stored.get(paper.id)?.[kind] ?? new Set<string>();
      // A builds_on fact on the paper's own primary entity is stored as USES {fact: builds_on}; both count.
      expect({ paper: paper.title, kind, ids: [...got].sort() }).toEqual({ paper: paper.title, kind, ids: [...expected].sort() });
      compared += expected.size;
    }
  }
  expect(compared).toBeGreaterThan(500);
});

test("every extracted edge carries its evidence sentence, rule and a confidence in [0, 1]", async () => {
  const session = db.driver.session({ database: db.database });
  try {
    const res = await session.run(
      `MATCH ()-[r:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON|BUILDS_ON]->()
       RETURN count(r) AS total,
              count(CASE WHEN r.sentence IS NULL OR r.sentence = '' OR r.rule IS NULL OR r.paper IS NULL
                          OR NOT (r.confidence >= 0.0 AND r.confidence <= 1.0) THEN 1 END) AS bad`,
    );
    const rec = res.records[0]!;
    expect(rec.get("total").toNumber()).toBeGreaterThan(500);
    expect(rec.get("bad").toNumber()).toBe(0);
  } finally {
    await session.close();
  }
});

test("inferred citations link a paper to the paper that introduces what it builds on", async () => {
  const session = db.driver.session({ database: db.database });
  try {
    const res = await session.run(
      `MATCH (p:Paper)-[c:CITES {inferred: true}]->(q:Paper) WHERE p.title STARTS WITH 'FlashAttention-2' AND q.title STARTS WITH 'FlashAttention:'
       RETURN count(c) AS n`,
    );
    expect(res.records[0]!.get("n").toNumber()).toBe(1);
  } finally {
    await session.close();
  }
});

test("a failing statement is named in its error, and the stack trace switch is restored", async () => {
  const limit = Error.stackTraceLimit;
  const err = await db.read("read/search", { query: "AND (", key: "and", skip: 0, limit: 1, room: 20 }).then(() => null, (e: unknown) => e as Error);
  expect(err).toBeInstanceOf(Error);
  expect(err!.stack).toContain("in Cypher statement read/search");
  expect(Error.stackTraceLimit).toBe(limit);
});
