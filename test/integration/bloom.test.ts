// The Bloom / Explore perspective and the Browser style: structure, agreement with each other,
// and every search phrase's Cypher run against the real Neo4j holding the seed (with topics).
import * as fs from "node:fs";
import * as path from "node:path";
import { nameKey, nameLookup } from "../../src/domain/keys";
import type { Db } from "../../src/graph/db";
import { ingestFiles } from "../../src/ingest/ingest";
import { recomputeTopics } from "../../src/topics/recompute";
import { freshSeedGraph, testDb } from "../helpers/neo4j";

// Ingesting the seed and an arXiv snapshot and computing topics takes seconds, but minutes on a machine shared by several test runs.
jest.setTimeout(300_000);
const ROOT = path.join(__dirname, "..", "..");
const perspective = JSON.parse(fs.readFileSync(path.join(ROOT, "bloom", "techtree-perspective.json"), "utf8"));
const grass = fs.readFileSync(path.join(ROOT, "bloom", "techtree.grass"), "utf8");

const LABELS = ["Paper", "Technique", "Model", "Dataset", "Hardware", "Topic", "Author", "Category"];
/** Every entity's second label (Entity), and the notable ones' third: the node is drawn by its kind's category. */
const SECONDARY = ["Entity", "Notable"];
/** Records about the graph, not part of it: trending lists, the ingest log, migrations, curation records. Hidden. */
const BOOKKEEPING = ["Trend", "Ingest", "TechtreeMeta", "Curation", "CurationLock"];
/** MENTIONS is the index of every mention behind the fact edges (Entity.papers); drawing it would double every fact. */
const LEFT_OUT = ["MENTIONS"];
const PHRASES = [
  "everything that builds on $technique",
  "what $technique builds on",
  "papers that run on $hardware",
  "who compares against $technique",
  "path from $a to $b",
  "trending this week",
];
/** Sample parameters per phrase; topics are looked up after recomputing them. */
const SAMPLES: Record<string, Record<string, string>> = {
  // Spelled as users type them: the phrases read a name as the API does (its key, then alias keys).
  "everything that builds on $technique": { $technique: "flash attention" },
  "what $technique builds on": { $technique: "Flash-Attention 2" },
  "papers that run on $hardware": { $hardware: "a100" },
  "who compares against $technique": { $technique: "VLLM" },
  "path from $a to $b": { $a: "flash attention", $b: "GEB 1.3B" },
  "trending this week": {},
};

let db: Db;

beforeAll(async () => {
  db = testDb();
  await freshSeedGraph(db);
  // Papers with arXiv metadata, so the graph holds authors and categories as an arXiv feed leaves them.
  await ingestFiles(db, [path.join(ROOT, "test", "fixtures", "arxiv-snapshot.jsonl")]);
  await db.applySchema();
  const topics = await recomputeTopics(db);
  SAMPLES["papers about topic $topic"] = { $topic: topics[0]!.name };
});

afterAll(async () => {
  await db.close();
});

test("categories: one per label, with caption, colour, size and icon", () => {
  expect(perspective.name).toBe("techtree");
  expect(perspective.categories.map((c: any) => c.labels[0]).sort()).toEqual([...LABELS].sort());
  for (const c of perspective.categories) {
    expect(c.color).toMatch(/^#[0-9A-F]{6}$/i);
    expect(c.size).toBeGreaterThan(0);
    expect(typeof c.icon).toBe("string");
    expect(c.captions.length).toBeGreaterThan(0);
    const props = c.properties.map((p: any) => p.name);
    for (const cap of c.captions) expect(props).toContain(cap.key);
    expect(perspective.labels[c.labels[0]]).toBeDefined();
  }
  expect(new Set(perspective.categories.map((c: any) => c.color)).size).toBe(LABELS.length);
});

test("relationship types: every type in the seed graph (derived VARIANT_OF too), each captioned by its type", async () => {
  const inGraph = await db.readTx(async (tx) => (await tx.run("MATCH ()-[r]->() RETURN DISTINCT type(r) AS t")).records.map((r) => r.get("t") as string));
  expect(inGraph).toEqual(expect.arrayContaining(["BUILDS_ON", "VARIANT_OF", "ABOUT"]));
  expect(perspective.relationshipTypes.map((r: any) => r.name).sort()).toEqual(inGraph.filter((t) => !LEFT_OUT.includes(t)).sort());
  for (const r of perspective.relationshipTypes) {
    expect(r.color).toMatch(/^#[0-9A-F]{6}$/i);
    expect(r.captions[0]).toMatchObject({ key: r.name, type: "relationship" });
  }
});

test("labels: every label techtree's schema declares is a category, a second label of one, or bookkeeping the perspective hides", async () => {
  const declared = await db.readTx(async (tx) => (await tx.run(
    "SHOW INDEXES YIELD entityType, labelsOrTypes WHERE entityType = 'NODE' AND labelsOrTypes IS NOT NULL RETURN labelsOrTypes",
  )).records.flatMap((r) => r.get("labelsOrTypes") as string[]));
  const inGraph = await db.readTx(async (tx) => (await tx.run("MATCH (n) UNWIND labels(n) AS l RETURN DISTINCT l")).records.map((r) => r.get("l") as string));
  expect(inGraph).toEqual(expect.arrayContaining(["Author", "Category", "Trend"]));
  for (const l of new Set([...declared, ...inGraph])) expect([...LABELS, ...SECONDARY, ...BOOKKEEPING]).toContain(l);
  expect(perspective.hideUncategorisedData).toBe(true);
  expect(perspective.hiddenCategories).toEqual([]);
});

test("category properties: each one listed is held by nodes of its label, and entities show the specificity trending ranks by", async () => {
  for (const c of perspective.categories) {
    const label = c.labels[0];
    const held = await db.readTx(async (tx) => (await tx.run(`MATCH (n:${label}) UNWIND keys(n) AS k RETURN DISTINCT k`)).records.map((r) => r.get("k") as string));
    for (const p of c.properties) expect([label, held.includes(p.name) ? p.name : `${p.name} (held by no ${label})`]).toEqual([label, p.name]);
    expect(perspective.labels[label].map((p: any) => p.propertyKey).sort()).toEqual(c.properties.map((p: any) => p.name).sort());
  }
  for (const kind of ["Technique", "Model", "Dataset", "Hardware"]) {
    expect(perspective.categories.find((c: any) => c.labels[0] === kind).properties.map((p: any) => p.name)).toContain("specificity");
  }
});

/** Bloom's data type for a value type Neo4j reports (Bloom exports write Integer as bigint, Float as number). */
const BLOOM_TYPE: Record<string, string> = { STRING: "string", INTEGER: "bigint", FLOAT: "number", BOOLEAN: "boolean", LIST: "array" };

test("property data types: each category's and relationship type's properties declare the type their values have in the graph", async () => {
  const typesOf = async (match: string, key: string) => [...new Set(await db.readTx(async (tx) => (await tx.run(
    `${match} WHERE x[$key] IS NOT NULL RETURN DISTINCT split(valueType(x[$key]), ' ')[0] AS t`, { key },
  )).records.map((r) => BLOOM_TYPE[String(r.get("t")).split("<")[0]!] ?? String(r.get("t")))))];
  for (const c of perspective.categories) {
    for (const p of c.properties) {
      const found = await typesOf(`MATCH (x:${c.labels[0]})`, p.name);
      expect([c.name, p.name, found]).toEqual([c.name, p.name, [p.dataType]]);
      expect(perspective.labels[c.labels[0]].find((l: any) => l.propertyKey === p.name).dataType).toBe(p.dataType);
    }
  }
  for (const r of perspective.relationshipTypes) {
    for (const p of r.properties) {
      const found = await typesOf(`MATCH ()-[x:${r.name}]->()`, p.name);
      expect([r.name, p.name, found]).toEqual([r.name, p.name, [p.dataType]]);
    }
  }
});

test("search phrases: every required phrase, parameters declared and used", () => {
  const texts = perspective.templates.map((t: any) => t.text);
  for (const p of PHRASES) expect(texts).toContain(p);
  for (const t of perspective.templates) {
    const inText = (t.text.match(/\$\w+/g) ?? []).sort();
    expect(t.params.map((p: any) => p.name).sort()).toEqual(inText);
    for (const p of t.params) {
      expect(t.cypher).toContain(p.name);
      expect(LABELS).toContain(p.suggestionLabel);
    }
    expect(t.isUpdateQuery).toBe(false);
    expect(t.cypher).not.toMatch(/\b(CREATE|MERGE|DELETE|SET|REMOVE)\b/);
    // Bounded: a walk from a hub entity of a large graph would otherwise draw thousands of paths.
    const limit = Number(t.cypher.match(/\bLIMIT (\d+)\s*$/)?.[1] ?? Infinity);
    expect({ text: t.text, limited: limit <= 300 }).toEqual({ text: t.text, limited: true });
  }
});

test("the Browser style uses the same colours and captions", () => {
  for (const c of perspective.categories) {
    const block = grass.match(new RegExp(`node\\.${c.labels[0]} \\{([\\s\\S]*?)\\n\\}`))?.[1];
    expect(block).toBeDefined();
    expect(block).toContain(`color: ${c.color};`);
    expect(block).toContain(`caption: "{${c.captions[0].key}}";`);
  }
  for (const r of perspective.relationshipTypes) {
    const block = grass.match(new RegExp(`relationship\\.${r.name} \\{([\\s\\S]*?)\\n\\}`))?.[1];
    expect(block).toContain(`color: ${r.color};`);
  }
  expect(grass).not.toMatch(/^\s*\/\//m);
});

test.each(PHRASES.concat("papers about topic $topic"))("search phrase %p returns rows on the seed", async (text) => {
  const template = perspective.templates.find((t: any) => t.text === text);
  expect(template).toBeDefined();
  const sample = SAMPLES[text]!;
  const params = Object.fromEntries(template.params.map((p: any) => [p.name.slice(1), sample[p.name]]));
  const rows = await db.readTx(async (tx) => (await tx.run(template.cypher, params)).records);
  expect(rows.length).toBeGreaterThan(0);
});

/** Runs a phrase's Cypher as Bloom does, with the parameters as typed, and answers the keys of every entity it draws. */
async function phraseKeys(text: string, typed: Record<string, string>): Promise<string[]> {
  const template = perspective.templates.find((t: any) => t.text === text);
  const params = Object.fromEntries(template.params.map((p: any) => [p.name.slice(1), typed[p.name]]));
  const records = await db.readTx(async (tx) => (await tx.run(template.cypher, params)).records);
  const keys = new Set<string>();
  const node = (n: any) => {
    if (typeof n?.properties?.key === "string") keys.add(n.properties.key);
  };
  for (const r of records) {
    for (const v of [...r.values()] as any[]) {
      if (v?.segments) for (const s of v.segments) [s.start, s.end].forEach(node);
      else node(v);
    }
  }
  return [...keys].sort();
}

// A plural that names nothing itself names its singular, as in the API (domain/keys.ts singularKey:
// "A100s" -> a100): Bloom passes the parameter as typed, so the step is in each phrase's Cypher.
test.each([
  ["papers that run on $hardware", { $hardware: "A100s" }, ["a100"]],
  ["everything that builds on $technique", { $technique: "speculative decodings" }, ["speculativedecoding"]],
  ["what $technique builds on", { $technique: "APEs" }, ["ape"]],
  ["who compares against $technique", { $technique: "speculative decodings" }, ["speculativedecoding"]],
  ["path from $a to $b", { $a: "A100s", $b: "speculative decodings" }, ["a100", "speculativedecoding"]],
])("search phrase %p reads a plural as its singular: %j", async (text, typed, expected) => {
  const keys = await phraseKeys(text, typed as Record<string, string>);
  expect(keys).toEqual(expect.arrayContaining(expected));
});

test("search phrases: a name that is itself a plural keeps its own entity, and an alias plural its alias (no singular step)", async () => {
  // "consumer-grade GPUs" and "consumer-grade GPU" are two Hardware entities of the seed.
  const gpus = await phraseKeys("papers that run on $hardware", { $hardware: "consumer-grade GPUs" });
  expect(gpus).toContain("consumergradegpus");
  expect(gpus).not.toContain("consumergradegpu");
  // "KV caches" is an alias key of the KV cache.
  expect(await phraseKeys("everything that builds on $technique", { $technique: "KV caches" })).toContain("kvcache");
  expect(await phraseKeys("papers that run on $hardware", { $hardware: "no such chips" })).toEqual([]);
});

/** The key of the entity GraphQL's technique(name) / hardware(name) finds for a name (cypher/read/find-entity), or null. */
async function apiKey(name: string, kind: string): Promise<string | null> {
  const [row] = await db.read<{ entity: { key: string } }>("read/find-entity", { ...nameLookup(name), kind });
  return row?.entity.key ?? null;
}

// The API keys a name after NFKC (domain/keys.ts nameKey), so a full-width or ligature letter is the
// plain one: GraphQL finds these entities, and so must the phrases.
test.each([
  ["everything that builds on $technique", { $technique: "ＦｌａｓｈＡｔｔｅｎｔｉｏｎ" }, "Technique", "flashattention"],
  ["everything that builds on $technique", { $technique: "\uFB02ash attention" }, "Technique", "flashattention"],
  ["what $technique builds on", { $technique: "Flash-Attention ２" }, "Technique", "flashattention2"],
  ["papers that run on $hardware", { $hardware: "Ａ１００" }, "Hardware", "a100"],
  ["who compares against $technique", { $technique: "ｖＬＬＭ" }, "Technique", "vllm"],
])("search phrase %p reads a name after NFKC, as the API: %j", async (text, typed, kind, expected) => {
  const name = Object.values(typed)[0]!;
  expect(nameKey(name)).toBe(expected);
  expect(await apiKey(name, kind)).toBe(expected);
  expect(await phraseKeys(text, typed)).toContain(expected);
});

test("search phrase path from $a to $b reads both names after NFKC, as the API", async () => {
  expect(await phraseKeys("path from $a to $b", { $a: "\uFB02ash attention", $b: "ＧＥＢ 1.3B" })).toEqual(expect.arrayContaining(["flashattention", "geb13b"]));
});

// The API looks a name up as a key first and as an alias only when no entity has that key: in the
// seed "sequence parallelism" is a technique and an alias of SP, and "state space" a technique and an
// alias of "state space models". A phrase that looked both up at once drew both entities.
test.each([
  ["everything that builds on $technique", "sequence parallelism", "sequenceparallelism", "sp", true],
  ["everything that builds on $technique", "state space", "statespace", "statespacemodels", true],
  // The technique "state space" has no comparison; "state space models" has one, which is not this name's.
  ["who compares against $technique", "state space", "statespace", "statespacemodels", false],
])("search phrase %p: %p is one entity's key and another's alias, and names only the first, as the API", async (text, name, key, aliasHolder, drawn) => {
  const [holder] = await db.readTx(async (tx) => (await tx.run(
    "MATCH (e:Entity {key: $aliasHolder}) RETURN e.aliasKeyText CONTAINS ' ' + $key + ' ' AS holds", { aliasHolder, key },
  )).records.map((r) => r.get("holds") as boolean));
  expect(holder).toBe(true);
  expect(await apiKey(name, "Technique")).toBe(key);
  const param = text.includes("$technique") ? "$technique" : "$hardware";
  const keys = await phraseKeys(text, { [param]: name });
  expect(keys).not.toContain(aliasHolder);
  expect(keys.includes(key)).toBe(drawn);
});

test("search phrases that take a name find it through the indexes (entity key, alias text), never by scanning a label", async () => {
  const scans = ["AllNodesScan", "NodeByLabelScan"];
  for (const t of perspective.templates.filter((t: any) => t.params.some((p: any) => p.suggestionLabel !== "Topic"))) {
    const params = Object.fromEntries(t.params.map((p: any) => [p.name.slice(1), "A100s"]));
    const plan = await db.readTx(async (tx) => (await tx.run(`EXPLAIN ${t.cypher}`, params)).summary.plan);
    const operators: string[] = [];
    const walk = (p: any) => {
      operators.push(String(p.operatorType).split("@")[0]!);
      (p.children ?? []).forEach(walk);
    };
    walk(plan);
    expect({ text: t.text, scans: operators.filter((o) => scans.includes(o)) }).toEqual({ text: t.text, scans: [] });
  }
});

test("docs/visualise.md's Cypher cheat sheet: every query runs on the graph and answers rows", async () => {
  const md = fs.readFileSync(path.join(ROOT, "docs", "visualise.md"), "utf8");
  const block = md.split("### Cypher cheat sheet")[1]!.split("```cypher")[1]!.split("```")[0]!;
  const params: Record<string, string> = {};
  const queries = block.split(";").map((q) => q.split("\n").filter((l) => !l.trim().startsWith("//")).join("\n").trim()).filter(Boolean);
  expect(queries.length).toBeGreaterThan(10);
  for (let text of queries) {
    // A Browser command setting a parameter, then the query it is for.
    const param = text.match(/^:param (\w+) => '([^']*)'\s*/);
    if (param) {
      params[param[1]!] = param[2]!;
      text = text.slice(param[0].length);
    }
    const rows = await db.readTx(async (tx) => (await tx.run(text, params)).records);
    expect([text, rows.length > 0]).toEqual([text, true]);
  }
});
