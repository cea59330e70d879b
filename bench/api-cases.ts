// The questions bench/api.ts asks: one representative query for every field of Query, and its Cypher
// twin: the named statements the resolvers run for it, in the same order, through neo4j-driver, in
// one read session (Db.beginRead, as the API runs a request's reads).
// Names are ones the seed and the bench corpus share; a paper, a topic, a lineage path and the
// moment of the last write are looked up in the graph at the start (resolveSubjects), so the same
// cases run at any size. test/unit/bench-api-cases.test.ts keeps CASES in step with schema.graphql.
import { nameKey, nameLookup } from "../src/domain";
import { luceneQuery } from "../src/api/lucene";
import { RELATED_MAX_DF } from "../src/api/loaders";
import { STUB_ROOM } from "../src/api/fields/search";
import { run, type Db, type Params, type Tx } from "../src/graph/db";
import { walkLineage, type LevelRow } from "../src/graph/lineage";
import type { StatementName } from "../src/graph/statements";
import { FIRST_VIEW_PAPERS, MAX_LINEAGE, PAPERS_PER_ENTITY, fetchNeighbourhood, parseEdgeId } from "../src/export/neighbourhood";
import { readChanges } from "../src/follow/changes";

export interface Subjects {
  readonly paper: { id: string; title: string };
  readonly topic: string;
  /** Two entity names joined by a builds-on path of two hops. */
  readonly path: { from: string; to: string };
  /** When the newest paper was stored (ISO 8601): "since my last visit" covers the last ingest batch. */
  readonly since: string;
  /** The edges at the centre of the explorer's first view of FlashAttention: whose sentences its panel reads first. */
  readonly rootEdges: readonly string[];
}

/** What a twin asks through: the statements, all in one read session, as the API reads them. */
export interface Twin {
  read<T>(name: StatementName, params?: Params): Promise<T[]>;
  readTx<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

export interface Case {
  readonly field: string;
  readonly question: string;
  graphql(s: Subjects): string;
  cypher?(db: Twin, s: Subjects): Promise<unknown>;
}

/** A Twin over one read session (or transaction). */
export function twin(tx: Tx): Twin {
  return { read: (name, params) => run(tx, name, params), readTx: (work) => work(tx) };
}

/** The explorer's own queries (web/explore/explore.js): its first view, and the sentences of the edges a panel shows. */
const EXPLORER = `neighbourhood(name: "FlashAttention", depth: 2) { root { id label kind } nodes { id label kind depth topic { id name } } edges { id source target type } }`;
const EVIDENCE = (ids: readonly string[]) => `graphEdges(ids: ${JSON.stringify(ids)}) { id evidence { sentence field start end rule confidence paper { id title } } }`;

const one = async <T>(rows: Promise<T[]>): Promise<T> => {
  const [row] = await rows;
  if (!row) throw new Error("no row");
  return row;
};
const entity = (db: Twin, key: string, kind: string) => one(db.read<{ entity: { id: string } }>("read/find-entity", { key, singular: null, kind })).then((r) => r.entity.id);

export const CASES: readonly Case[] = [
  {
    field: "technique",
    question: "what builds on FlashAttention (depth 3, first 50)",
    graphql: () => `{ technique(name: "FlashAttention") { name builtOnBy(maxDepth: 3, first: 50) { depth entity { name } } } }`,
    cypher: (db) => db.readTx(async (tx) => {
      // The lookup reads the walk's first level with it (Loaders.entityWithLineage), as the resolver does.
      const [row] = await run<{ entity: { id: string; key: string } | null; level: LevelRow<{ id: string; key: string }, unknown>[] }>(tx, "read/lineage-down-from-name", {
        key: "flashattention", singular: null, kind: "Technique", first: 50, evidence: false, ends: false, minConfidence: 0, variants: true,
      });
      if (!row?.entity) throw new Error("no row");
      return walkLineage(tx, "down", [row.entity.id], 3, 50, false, 0, new Map([[row.entity.id, row.level]]));
    }),
  },
  {
    field: "hardware",
    question: "papers that run on A100s, first page",
    graphql: () => `{ hardware(name: "A100") { name category vendor papersConnection(first: 10) { totalCount nodes { title listingDate } } } }`,
    cypher: async (db) => {
      const id = await entity(db, "a100", "Hardware");
      return db.read("read/entity-papers-page", { ids: [id], skip: 0, limit: 10, variants: true });
    },
  },
  {
    field: "model",
    question: "who compares against GPT-4, with their claims",
    graphql: () => `{ model(name: "GPT-4") { name comparedIn(first: 20) { paper { title } claim } } }`,
    cypher: async (db) => {
      const id = await entity(db, "gpt4", "Model");
      return db.read("read/compared-in", { ids: [id], first: 20, minConfidence: 0, since: null, sinceDay: null, variants: true });
    },
  },
  {
    field: "dataset",
    question: "MS MARCO papers per listing date",
    graphql: () => `{ dataset(name: "MS MARCO") { name timeline { date papers } } }`,
    cypher: async (db) => {
      const id = await entity(db, "msmarco", "Dataset");
      return db.read("read/entity-timeline", { ids: [id], variants: true });
    },
  },
  {
    field: "paper",
    question: "a paper with its facts, related papers and topics",
    graphql: (s) => `{ paper(id: "${s.paper.id}") { title listingDate introduces { name } hardware { name } related(first: 5) { paper { title } score } topics { name } } }`,
    // The resolver reads the paper and the parts its query selects in one statement (fields/paper-view.ts).
    cypher: (db, s) => one(db.read("read/paper-view", { id: s.paper.id, whole: false, facts: true, related: 5, maxDf: RELATED_MAX_DF, topics: true })),
  },
  {
    field: "papers",
    question: "full-text search for papers (\"speculative decoding\")",
    graphql: () => `{ papers(search: "speculative decoding", first: 10) { title listingDate } }`,
    cypher: (db) => db.read("read/papers-search", { query: luceneQuery("speculative decoding"), first: 10, room: STUB_ROOM, since: null, sinceDay: null }),
  },
  {
    field: "papersConnection",
    question: "papers on A100s, newest first",
    graphql: () => `{ papersConnection(filter: { hardware: "A100" }, orderBy: LISTING_DATE_DESC, first: 10) { totalCount nodes { title listingDate } } }`,
    cypher: async (db) => {
      const [f] = await db.read<{ ids: string[] }>("read/filter-entities", { filters: [{ name: "hardware", kind: "Hardware", key: "a100", singular: null }], variants: true });
      return db.read("read/papers-connection-entity", { driver: f!.ids, others: [], author: null, lo: null, hi: null, fromDay: null, toDay: null, since: null, sinceDay: null, order: "LISTING_DATE_DESC", skip: 0, limit: 10 });
    },
  },
  {
    field: "search",
    question: "papers and entities for \"KV cache compression\"",
    graphql: () => `{ search(text: "KV cache compression", first: 10) { edges { score node { __typename ... on Paper { title } ... on Entity { name } } } } }`,
    cypher: (db) => db.read("read/search", { query: luceneQuery("KV cache compression"), key: nameKey("KV cache compression"), skip: 0, limit: 10, room: STUB_ROOM }),
  },
  {
    field: "lineagePath",
    question: "how one entity descends from another (two hops)",
    graphql: (s) => `{ lineagePath(from: ${JSON.stringify(s.path.from)}, to: ${JSON.stringify(s.path.to)}) { direction length hops { from { name } to { name } evidence { sentence } } } }`,
    cypher: async (db, s) => {
      const rows = await db.read<{ key: string; entity: { id: string } | null }>("read/find-entities", { keys: [nameLookup(s.path.from), nameLookup(s.path.to)] });
      const ids = rows.map((r) => r.entity!.id);
      return db.read("read/lineage-path", { from: ids[0], to: ids[1] });
    },
  },
  {
    field: "trending",
    question: "trending this week",
    graphql: () => `{ trending(window: WEEK, first: 10) { entity { name } recent expected score } }`,
    cypher: (db) => db.read("read/trends", { window: "WEEK", first: 10 }),
  },
  {
    field: "hardwareUsage",
    question: "hardware by papers",
    graphql: () => `{ hardwareUsage(first: 10) { hardware { name category } papers } }`,
    cypher: (db) => db.read("read/hardware-usage", { limit: 10, variants: true }),
  },
  {
    field: "stats",
    question: "counts",
    graphql: () => `{ stats { papers techniques models datasets hardware relationships } }`,
    cypher: (db) => db.read("read/stats"),
  },
  {
    field: "topics",
    question: "the 20 largest topics",
    graphql: () => `{ topics(first: 20) { id name size entities } }`,
    cypher: (db) => db.read("read/topics", { first: 20 }),
  },
  {
    field: "topic",
    question: "a topic with its central papers and members",
    graphql: (s) => `{ topic(id: ${JSON.stringify(s.topic)}) { name size papers(first: 10) { title } members(first: 10) { name } } }`,
    cypher: async (db, s) => {
      await one(db.read("read/topic-by-id", { ids: [s.topic] }));
      return Promise.all([db.read("read/topic-papers", { ids: [s.topic], first: 10 }), db.read("read/topic-entities", { ids: [s.topic], first: 10 })]);
    },
  },
  {
    field: "entityNames",
    question: "autocomplete \"flash\"",
    graphql: () => `{ entityNames(prefix: "flash", first: 8) { id name __typename } }`,
    cypher: (db) => db.read("read/neighbourhood-names", { key: "flash", first: 8 }),
  },
  {
    field: "neighbourhood",
    question: "the explorer's first view of FlashAttention (depth 2)",
    graphql: () => `{ ${EXPLORER} }`,
    cypher: async (db) => {
      type Node = { id: string; key: string; topic?: string | null };
      // The centre with the first level of its walk both ways; the first view draws the builds-on
      // edges without their sentences: the walk, both ways in the same statements, reads only their ends.
      const root = await one(db.read<{ entity: Node; level: LevelRow<Node, unknown>[] }>("read/neighbourhood-root-level", {
        id: null, key: "flashattention", singular: null, first: MAX_LINEAGE, evidence: false, ends: true, minConfidence: 0,
      }));
      const id = root.entity.id;
      const hits = await db.readTx((tx) => walkLineage<Node, unknown>(tx, "both", [id], 2, MAX_LINEAGE, "ends", 0, new Map([[id, root.level]])));
      const ids = [...new Set([id, ...hits.map((h) => h.entity.id)])].sort();
      // Every node's topic: the explorer asks topic { id name }, which the resolver reads with the
      // papers (the entities' topics passed in, the papers' and their context's found there).
      const topics = [...new Set([root.entity, ...hits.map((h) => h.entity)].map((n) => n.topic).filter((t): t is string => !!t))].sort();
      return db.read("read/neighbourhood-papers", { ids, perEntity: PAPERS_PER_ENTITY, max: FIRST_VIEW_PAPERS, evidence: false, topics });
    },
  },
  {
    field: "graphEdges",
    question: "the sentences of the first view's edges at FlashAttention (the explorer's panel)",
    graphql: (s) => `{ ${EVIDENCE(s.rootEdges)} }`,
    cypher: async (db, s) => {
      const edges = s.rootEdges.map(parseEdgeId).filter((e) => e !== null);
      // The panel shows each sentence's paper title, which read/graph-edges brings with the sentence.
      return db.read("read/graph-edges", { edges, first: 20, paper: null });
    },
  },
  {
    field: "changes",
    question: "since the last ingest batch, following FlashAttention and vLLM",
    graphql: (s) => `{ changes(since: ${JSON.stringify(s.since)}, follow: ["FlashAttention", "vLLM"], first: 20) { until paperCount papers { title } ingests { files created } followed { name papers buildsOn { paper { title } source { name } evidence { sentence } } comparedIn { paper { title } claim } hardware { paper { title } target { name } } } } }`,
    // readChanges, as the resolver: one statement (read/changes) when every followed name is known.
    cypher: (db, s) => readChanges(db, { since: new Date(s.since), follow: ["FlashAttention", "vLLM"], first: 20 }),
  },
  {
    field: "ingests",
    question: "the log of ingest runs, newest first",
    graphql: () => `{ ingests(first: 20) { id source startedAt finishedAt files complete papersRead created updated unchanged rejected } }`,
    cypher: (db) => db.read("read/ingests", { since: null, first: 20 }),
  },
  {
    field: "curations",
    question: "corrections people made, newest first",
    graphql: () => `{ curations(first: 20) { totalCount pageInfo { hasNextPage endCursor } nodes { id action who at reason factId } } }`,
    cypher: (db) => Promise.all([db.read("read/curations", { first: 21, after: null }), db.read("read/curations-count")]),
  },
];

/** A paper (the first in input order), the largest topic, a two-hop builds-on path, and when the newest paper was stored. */
export async function resolveSubjects(db: Db): Promise<Subjects> {
  const [paper] = await db.read<{ paper: { id: string; title: string } }>("read/papers-recent", { first: 1 });
  const [topic] = await db.read<{ topic: { id: string } }>("read/topics", { first: 1 });
  const path = await db.readTx(async (tx) => {
    const res = await tx.run("MATCH (a:Entity)-[:BUILDS_ON]->(:Entity)-[:BUILDS_ON]->(c:Entity) WHERE a <> c RETURN a.name AS from, c.name AS to LIMIT 1");
    const r = res.records[0];
    return r ? { from: r.get("from") as string, to: r.get("to") as string } : null;
  });
  const since = await db.readTx(async (tx) => {
    const res = await tx.run("MATCH (p:Paper) WHERE p.addedAt IS NOT NULL RETURN toString(p.addedAt) AS at ORDER BY p.addedAt DESC LIMIT 1");
    return (res.records[0]?.get("at") as string | undefined) ?? null;
  });
  const view = await fetchNeighbourhood({
    read: (name, params) => db.read(name, params),
    lineage: (direction, ids, maxDepth, first, evidence) => db.readTx((tx) => walkLineage(tx, direction, ids, maxDepth, first, evidence)),
  }, { name: "FlashAttention", depth: 2 });
  const rootEdges = view ? view.edges.filter((e) => e.source === view.root.id || e.target === view.root.id).map((e) => e.id).slice(0, 200) : [];
  if (!paper || !topic || !path || !since || rootEdges.length === 0) throw new Error("the graph needs papers, topics, a two-hop lineage and FlashAttention for the API bench");
  return { paper: paper.paper, topic: topic.topic.id, path, since, rootEdges };
}

