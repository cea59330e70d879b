// The GraphQL API over real HTTP on an ephemeral port, against the real test Neo4j holding the
// seed: every example in examples/queries.graphql, every field, the error codes and the auth rules.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, type OperationDefinitionNode } from "graphql";
import { LIMITS } from "../../src/api/limits";
import { startServer, type RunningServer } from "../../src/api/server";
import { readConfig, type Config } from "../../src/config";
import type { Db } from "../../src/graph/db";
import { freshSeedGraph, testDb } from "../helpers/neo4j";
import { codes, dataOf, gqlClient } from "./api-http";

const KEY = "test-key-0123456789";
const EXAMPLES = fs.readFileSync(path.join(__dirname, "..", "..", "examples", "queries.graphql"), "utf8");
const NEW_PAPER = `Apr 2, 2025

Tilewise: Faster Attention Kernels on Phones

We introduce Tilewise, a kernel library that builds on FlashAttention and runs on the iPhone 12 and A100 GPUs. Tilewise outperforms FlashAttention-2 by 1.4x on long sequences.
`;

let db: Db;
let server: RunningServer;
let logs: string[] = [];
let gql: ReturnType<typeof gqlClient>;
const config: Config = { ...readConfig({ NODE_ENV: "test", PORT: "0", TECHTREE_API_KEY: KEY }) };

beforeAll(async () => {
  db = testDb();
  await freshSeedGraph(db);
  server = await startServer(db, config, (l) => logs.push(l));
  gql = gqlClient(server.url);
});

afterAll(async () => {
  await server?.stop();
  await db?.close();
});

function operation(name: string): string {
  const doc = parse(EXAMPLES);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition" && d.name?.value === name);
  if (!op) throw new Error(`no example named ${name}`);
  return EXAMPLES;
}

async function example(name: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
  return gql(operation(name), variables, headers, name);
}

describe("examples/queries.graphql: every example runs and answers what it promises", () => {
  const names = parse(EXAMPLES).definitions.map((d) => (d as OperationDefinitionNode).name!.value);

  test("the file names every acceptance query and one per new field", () => {
    for (const n of ["FlashAttentionLineage", "ComparedToVllm", "PapersOnA100", "SearchKvCacheCompression", "GraphStats", "PaperByTitle",
      "FlashAttention2BuildsOn", "LineagePathGebToFlashAttention", "SearchEverything", "DidYouMean", "PapersFiltered", "PapersNextPage",
      "PapersByDate", "TechniquePapersPaged", "RelatedAndCitations", "KvCacheTimeline", "Trending", "HardwareUsage", "GpuUsage",
      "IngestPage", "DeletePaper"]) expect(names).toContain(n);
  });

  test("FlashAttentionLineage", async () => {
    const t = dataOf(await example("FlashAttentionLineage")).technique;
    const depth = (n: string) => t.builtOnBy.find((e: any) => e.entity.name === n)?.depth;
    expect(depth("FlashAttention-2")).toBe(1);
    expect(depth("GEB-1.3B")).toBe(2);
  });

  test("ComparedToVllm", async () => {
    const hit = dataOf(await example("ComparedToVllm")).technique.comparedIn.find((c: any) => /DeepSpeed-FastGen/.test(c.paper.title));
    expect(hit.claim).toMatch(/2\.3x/);
  });

  test("ComparedToVllmFigures", async () => {
    const rows = dataOf(await example("ComparedToVllmFigures")).technique.comparedIn;
    const hit = rows.find((c: any) => /DeepSpeed-FastGen/.test(c.paper.title));
    expect(hit.figure).toEqual({ value: 2.3, unit: "x", direction: "HIGHER", metric: "throughput" });
    expect(rows.some((c: any) => c.figure === null)).toBe(true);
  });

  test("PapersOnA100", async () => {
    const titles = dataOf(await example("PapersOnA100")).hardware.papers.map((p: any) => p.title);
    expect(titles.some((t: string) => /^SnapKV/.test(t))).toBe(true);
  });

  test("SearchKvCacheCompression", async () => {
    const titles = dataOf(await example("SearchKvCacheCompression")).papers.map((p: any) => p.title);
    expect(titles.some((t: string) => /SnapKV|CacheGen/.test(t))).toBe(true);
  });

  test("GraphStats", async () => {
    expect(dataOf(await example("GraphStats")).stats.papers).toBe(112);
  });

  test("PaperByTitle", async () => {
    expect(dataOf(await example("PaperByTitle")).paper.buildsOn.map((e: any) => e.name)).toContain("FlashAttention");
  });

  test("FlashAttention2BuildsOn: lineage the other way", async () => {
    const entries = dataOf(await example("FlashAttention2BuildsOn")).technique.buildsOn;
    const fa = entries.find((e: any) => e.entity.name === "FlashAttention");
    expect(fa.depth).toBe(1);
    expect(fa.evidence[0].sentence).toMatch(/FlashAttention/);
  });

  test("LineagePathGebToFlashAttention: shortest path with evidence per hop", async () => {
    const p = dataOf(await example("LineagePathGebToFlashAttention")).lineagePath;
    expect(p.direction).toBe("FORWARD");
    expect(p.length).toBe(2);
    expect(p.entities.map((e: any) => e.name)).toEqual(["GEB-1.3B", "FlashAttention-2", "FlashAttention"]);
    for (const hop of p.hops) expect(hop.evidence.length).toBeGreaterThan(0);
    expect(p.hops[0].evidence[0].paper.title).toMatch(/GEB/);
  });

  test("SearchEverything: papers and entities in one ranked list", async () => {
    const s = dataOf(await example("SearchEverything")).search;
    const types = new Set(s.edges.map((e: any) => e.node.__typename));
    expect(types.has("Paper")).toBe(true);
    expect([...types].some((t) => t !== "Paper")).toBe(true);
    const scores = s.edges.map((e: any) => e.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(Math.max(...scores)).toBeLessThanOrEqual(1);
  });

  test("DidYouMean: NOT_FOUND with suggestions", async () => {
    const r = await example("DidYouMean");
    expect(r.body.data.technique).toBeNull();
    expect(codes(r)).toEqual(["NOT_FOUND"]);
    expect(r.body.errors[0].extensions.suggestions[0]).toBe("FlashAttention");
  });

  test("ModelAndDataset", async () => {
    const d = dataOf(await example("ModelAndDataset"));
    expect(d.model.name).toBe("GPT-4");
    expect(d.dataset.name).toBe("ImageNet");
  });

  test("PapersFiltered: entity filters combine", async () => {
    const c = dataOf(await example("PapersFiltered")).papersConnection;
    expect(c.totalCount).toBeGreaterThan(0);
    expect(c.edges.map((e: any) => e.node.title)).toContain("FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning");
  });

  test("PapersNextPage: cursor pagination walks the whole list without overlap", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 20; i++) {
      const c: any = dataOf(await example("PapersNextPage", { after })).papersConnection;
      total = c.totalCount;
      seen.push(...c.edges.map((e: any) => e.node.title));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });

  test("PapersByDate", async () => {
    const c = dataOf(await example("PapersByDate")).papersConnection;
    expect(c.totalCount).toBeGreaterThan(0);
    for (const p of c.nodes) expect(p.listingDate).toBe("Mar 17");
    const titles = c.nodes.map((p: any) => p.title.toLowerCase());
    expect([...titles].sort()).toEqual(titles);
  });

  test("TechniquePapersPaged", async () => {
    const c = dataOf(await example("TechniquePapersPaged")).technique.papersConnection;
    expect(c.nodes.length).toBeLessThanOrEqual(3);
    expect(c.totalCount).toBeGreaterThanOrEqual(c.nodes.length);
  });

  test("RelatedAndCitations", async () => {
    const p = dataOf(await example("RelatedAndCitations")).paper;
    expect(p.related.length).toBeGreaterThan(0);
    for (const r of p.related) expect(r.shared.length).toBeGreaterThan(0);
    const scores = p.related.map((r: any) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(p.cites.totalCount + p.citedBy.totalCount).toBeGreaterThanOrEqual(0);
  });

  test("paper(id), read in one statement, answers as the same paper reached through a list does (the loaders)", async () => {
    const F = `fragment F on Paper { id title abstract listingDate addedAt introduces { name } buildsOn { name } comparesTo { name } hardware { name } datasets { name } models { name }
      related(first: 3) { score paper { title abstract } shared { name } } topics { id name size entities } sources { kind id } }`;
    const listed = dataOf(await gql(`{ papersConnection(first: 12) { nodes { ...F } } } ${F}`)).papersConnection.nodes;
    expect(listed.some((p: any) => p.related.length > 0 && p.topics.length > 0 && p.introduces.length > 0)).toBe(true);
    for (const p of listed) {
      expect(dataOf(await gql(`query($id: ID!) { paper(id: $id) { ...F } } ${F}`, { id: p.id })).paper).toEqual(p);
      // Two selections of related with different sizes: read by their loaders, as before.
      const two = dataOf(await gql(`query($id: ID!) { paper(id: $id) { a: related(first: 1) { score } b: related(first: 3) { score } title } }`, { id: p.id })).paper;
      expect(two).toEqual({ a: p.related.slice(0, 1).map((r: any) => ({ score: r.score })), b: p.related.map((r: any) => ({ score: r.score })), title: p.title });
    }
  });

  test("KvCacheTimeline", async () => {
    const t = dataOf(await example("KvCacheTimeline")).technique;
    expect(t.timeline).toEqual([{ date: "Mar 17", papers: expect.any(Number) }]);
  });

  test("Trending", async () => {
    const t = dataOf(await example("Trending")).trending;
    expect(t.length).toBeGreaterThan(0);
    for (const e of t) expect(e.recent).toBeGreaterThan(e.expected);
    expect(t.map((e: any) => e.score)).toEqual([...t.map((e: any) => e.score)].sort((a: number, b: number) => b - a));
  });

  test("HardwareUsage and GpuUsage: categories and vendors", async () => {
    const all = dataOf(await example("HardwareUsage")).hardwareUsage;
    const a100 = all.find((h: any) => h.hardware.name === "A100");
    expect(a100.hardware).toMatchObject({ category: "GPU", vendor: "NVIDIA" });
    expect(a100.papers).toBeGreaterThanOrEqual(3);
    const gpus = dataOf(await example("GpuUsage")).hardwareUsage;
    expect(gpus.length).toBeGreaterThan(0);
    expect(gpus.map((g: any) => g.hardware.name)).toContain("A100");
    expect(gpus.map((g: any) => g.hardware.name)).not.toContain("CPU");
  });

  test("IngestPage and DeletePaper (with the key), and what they change", async () => {
    const auth = { authorization: `Bearer ${KEY}` };
    const report = dataOf(await example("IngestPage", { text: NEW_PAPER }, auth)).ingest;
    expect(report).toMatchObject({ papersRead: 1, created: 1 });
    const id = report.paperIds[0];
    const again = dataOf(await example("IngestPage", { text: NEW_PAPER }, auth)).ingest;
    expect(again).toMatchObject({ papersRead: 1, unchanged: 1, created: 0 });

    // The new paper shows up in lineage, timelines, trending, date filters and citations.
    const t = dataOf(await gql(`{ technique(name: "FlashAttention") { builtOnBy { entity { name } } timeline { date papers } } }`)).technique;
    expect(t.builtOnBy.map((e: any) => e.entity.name)).toContain("Tilewise");
    expect(t.timeline.map((p: any) => p.date)).toEqual(["Mar 17", "Apr 2, 2025"]);
    const trend = dataOf(await gql(`{ trending(since: "2025-04-01", first: 50) { entity { name } recent before } }`)).trending;
    const fa = trend.find((e: any) => e.entity.name === "FlashAttention");
    expect(fa).toMatchObject({ recent: 1 });
    expect(fa.before).toBeGreaterThan(0);
    const dated = dataOf(await gql(`{ papersConnection(filter: { listedFrom: "2025-01-01" }) { totalCount nodes { id } } }`)).papersConnection;
    expect(dated.nodes.map((p: any) => p.id)).toEqual([id]);
    const newest = dataOf(await gql(`{ papersConnection(orderBy: LISTING_DATE_DESC, first: 1) { nodes { id } } }`)).papersConnection;
    expect(newest.nodes[0].id).toBe(id);
    const cites = dataOf(await gql(`query($id: ID!) { paper(id: $id) { cites(first: 50) { totalCount nodes { title } } } }`, { id })).paper.cites;
    expect(cites.nodes.map((p: any) => p.title)).toContain("FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness");
    const citedBy = dataOf(await gql(`{ paper(title: "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness") { citedBy(first: 100) { nodes { id } } } }`)).paper.citedBy;
    expect(citedBy.nodes.map((p: any) => p.id)).toContain(id);

    const del = dataOf(await example("DeletePaper", { id }, auth)).deletePaper;
    expect(del).toMatchObject({ id, deleted: true });
    expect(del.entitiesRemoved).toBeGreaterThan(0);
    expect(dataOf(await gql(`query($id: ID!) { paper(id: $id) { id } }`, { id })).paper).toBeNull();
    const t2 = dataOf(await gql(`{ technique(name: "FlashAttention") { builtOnBy { entity { name } } } }`)).technique;
    expect(t2.builtOnBy.map((e: any) => e.entity.name)).not.toContain("Tilewise");
    expect(dataOf(await gql(`{ stats { papers } }`)).stats.papers).toBe(112);
    expect(dataOf(await example("DeletePaper", { id }, auth)).deletePaper.deleted).toBe(false);
  });
});

describe("fields beyond the examples", () => {
  test("lineagePath: BACKWARD, same entity, no path, unknown name", async () => {
    const back = dataOf(await gql(`{ lineagePath(from: "FlashAttention", to: "GEB-1.3B") { direction length entities { name } } }`)).lineagePath;
    expect(back).toMatchObject({ direction: "BACKWARD", length: 2 });
    expect(back.entities[0].name).toBe("GEB-1.3B");
    const same = dataOf(await gql(`{ lineagePath(from: "flash attention", to: "FlashAttention") { length entities { name } } }`)).lineagePath;
    expect(same).toEqual({ length: 0, entities: [{ name: "FlashAttention" }] });
    const none = dataOf(await gql(`{ lineagePath(from: "FlashAttention", to: "A100") { length } }`)).lineagePath;
    expect(none).toBeNull();
    const unknown = await gql(`{ lineagePath(from: "Flash Atention", to: "FlashAttention") { length } }`);
    expect(codes(unknown)).toEqual(["NOT_FOUND"]);
    expect(unknown.body.errors[0].extensions).toMatchObject({ argument: "from" });
    expect(unknown.body.errors[0].extensions.suggestions).toContain("FlashAttention");
  });

  test("a plural finds what its singular names: A100s is the A100, by name, as a filter and for a lineage walk", async () => {
    const r = dataOf(await gql(`{
      plural: hardware(name: "A100s") { id papersConnection { totalCount } }
      singular: hardware(name: "A100") { id papersConnection { totalCount } }
      filtered: papersConnection(filter: { hardware: "A100s" }) { totalCount }
      walk: technique(name: "FlashAttentions") { name builtOnBy { entity { name } } }
    }`));
    expect(r.plural).toEqual(r.singular);
    expect(r.filtered.totalCount).toBe(r.singular.papersConnection.totalCount);
    expect(r.singular.papersConnection.totalCount).toBeGreaterThan(0);
    expect(r.walk.name).toBe("FlashAttention");
    expect(r.walk.builtOnBy.map((e: any) => e.entity.name)).toContain("FlashAttention-2");
    const path = dataOf(await gql(`{ lineagePath(from: "FlashAttention-2s", to: "FlashAttentions") { direction length } }`)).lineagePath;
    expect(path).toEqual({ direction: "FORWARD", length: 1 });
    // A name that is itself known keeps its own entity: "GPUs" is GPU's alias, not a plural to strip.
    expect(dataOf(await gql(`{ hardware(name: "GPUs") { name } }`)).hardware.name).toBe("GPU");
  });

  test("the explorer's centre reads a plural as hardware(name) does: neighbourhood(name: \"A100s\") is the A100's view", async () => {
    const sel = "root { id label } nodes { id } edges { id }";
    const r = dataOf(await gql(`{
      plural: neighbourhood(name: "A100s", depth: 1) { ${sel} }
      singular: neighbourhood(name: "A100", depth: 1) { ${sel} }
      technique: neighbourhood(name: "FlashAttentions", depth: 1) { root { label } }
      alias: neighbourhood(name: "GPUs", depth: 1) { root { label } }
    }`));
    expect(r.singular.root).toEqual({ id: "hardware:a100", label: "A100" });
    expect(r.plural).toEqual(r.singular);
    expect(r.technique.root.label).toBe("FlashAttention");
    // A name that is itself known keeps its own entity: "GPUs" is GPU's alias, not a plural to strip.
    expect(r.alias.root.label).toBe("GPU");
  });

  test("a follower of a plural follows what its singular names: changes(follow) and the entity's feed, as hardware(name)", async () => {
    const since = "2000-01-01T00:00:00Z";
    const r = dataOf(await gql(`{ changes(since: "${since}", follow: ["A100s", "A100"], first: 5) { followed { name entity { name } papers } } }`));
    const [plural, singular] = r.changes.followed;
    expect(singular.entity).toEqual({ name: "A100" });
    expect(plural.entity).toEqual(singular.entity);
    expect(plural.papers).toBe(singular.papers);
    expect(singular.papers).toBeGreaterThan(0);
    const feed = async (name: string) => {
      const res = await fetch(`${new URL(server.url).origin}/feed/hardware/${name}.atom?since=${since}`);
      return { status: res.status, ids: [...(await res.text()).matchAll(/<id>([^<]+)<\/id>/g)].map((m) => m[1]) };
    };
    const [a100s, a100] = [await feed("A100s"), await feed("A100")];
    expect(a100.status).toBe(200);
    expect(a100s.status).toBe(200);
    expect(a100s.ids.slice(1)).toEqual(a100.ids.slice(1));
    expect(a100.ids.length).toBeGreaterThan(1);
  });

  test("every name look-up statement reads a plural itself, in one statement: the key as a name, as an alias, then its singular as a name, as an alias", async () => {
    // Zorbs is held as an alias by one technique and is the plural of another's name: the alias wins,
    // as a name that is itself known keeps its own entity; without that alias, the singular's entity.
    const session = db.driver.session({ database: db.database });
    const make = (key: string, name: string, aliases: string[]) => session.run(
      "CREATE (e:Entity:Technique {id: 'technique:' + $key, key: $key, name: $name, kind: 'Technique', aliases: $aliases, aliasKeys: $keys, aliasKeyText: $text})",
      { key, name, aliases, keys: aliases.map((a) => a.toLowerCase()), text: " " + aliases.map((a) => a.toLowerCase()).join(" ") + " " });
    const found = async () => {
      const one = { key: "zorbs", singular: "zorb" };
      const lineage = { ...one, kind: "Technique", first: 5, evidence: false, ends: false, minConfidence: 0, variants: true };
      const names = (rows: { entity?: { name: string } | null }[]) => rows.map((r) => r.entity?.name ?? null);
      return {
        findEntity: names(await db.read("read/find-entity", { ...one, kind: "Technique" })),
        findEntities: names(await db.read("read/find-entities", { keys: [one] })),
        filter: (await db.read<{ ids: string[] }>("read/filter-entities", { filters: [{ name: "technique", kind: "Technique", ...one }], variants: false })).map((r) => r.ids),
        down: names(await db.read("read/lineage-down-from-name", lineage)),
        up: names(await db.read("read/lineage-up-from-name", lineage)),
        centre: names(await db.read("read/neighbourhood-root-level", { ...one, id: null, first: 5, evidence: false, ends: true, minConfidence: 0 })),
      };
    };
    try {
      await make("zorb", "Zorb", []);
      expect(await found()).toEqual({ findEntity: ["Zorb"], findEntities: ["Zorb"], filter: [["technique:zorb"]], down: ["Zorb"], up: ["Zorb"], centre: ["Zorb"] });
      await make("zorbholder", "ZorbHolder", ["Zorbs"]);
      expect(await found()).toEqual({ findEntity: ["ZorbHolder"], findEntities: ["ZorbHolder"], filter: [["technique:zorbholder"]], down: ["ZorbHolder"], up: ["ZorbHolder"], centre: ["ZorbHolder"] });
      await session.run("MATCH (e:Entity {key: 'zorb'}) SET e.key = 'zorbx', e.aliasKeyText = ' zorb '");
      await session.run("MATCH (e:Entity {key: 'zorbholder'}) DETACH DELETE e");
      // The singular as an alias, last.
      const last = await found();
      expect(last.findEntity).toEqual(["Zorb"]);
      expect(last.centre).toEqual(["Zorb"]);
    } finally {
      await session.run("MATCH (e:Entity) WHERE e.key IN ['zorb', 'zorbx', 'zorbholder'] DETACH DELETE e");
      await session.close();
    }
  });

  test("a papersConnection filter name that names nothing is NOT_FOUND with suggestions; a known name with no papers in range is an empty page", async () => {
    const typo = await gql(`{ papersConnection(filter: { hardware: "A100z" }) { totalCount } }`);
    expect(codes(typo)).toEqual(["NOT_FOUND"]);
    const ext = typo.body.errors[0].extensions;
    expect(ext.argument).toBe("filter.hardware");
    expect(ext.suggestions).toContain("A100");
    expect(typo.body.errors[0].message).toMatch(/no hardware named "A100z"/);
    // With a known filter beside it, and with text driving: still the unknown one is named.
    const mixed = await gql(`{ papersConnection(filter: { hardware: "A100", technique: "flashatention", text: "attention" }) { totalCount } }`);
    expect(codes(mixed)).toEqual(["NOT_FOUND"]);
    expect(mixed.body.errors[0].extensions.argument).toBe("filter.technique");
    expect(mixed.body.errors[0].extensions.suggestions).toContain("FlashAttention");
    const empty = dataOf(await gql(`{ papersConnection(filter: { hardware: "A100", listedFrom: "2099-01-01" }) { totalCount nodes { id } } }`)).papersConnection;
    expect(empty).toEqual({ totalCount: 0, nodes: [] });
  });

  test("a page sent with an ISO date line (2024-03-01) dates its papers, so an entity's timeline sums to its papersConnection total", async () => {
    const auth = { authorization: `Bearer ${KEY}` };
    const text = `2024-03-01\n\nIsoDate Serving One\n\nWe serve large language models with vLLM and report the throughput on A100 GPUs.\n\n`
      + `IsoDate Serving Two\n\nWe compare our scheduler against vLLM on long prompts and report latency.\n`;
    const r = dataOf(await gql(`mutation($t: String!) { ingest(text: $t) { created paperIds } }`, { t: text }, auth)).ingest;
    try {
      expect(r.created).toBe(2);
      for (const id of r.paperIds) expect(dataOf(await gql(`query($id: ID!) { paper(id: $id) { listingDate } }`, { id })).paper.listingDate).toBe("2024-03-01");
      const v = dataOf(await gql(`{ technique(name: "vLLM") { timeline { date papers } papersConnection { totalCount } } }`)).technique;
      expect(v.timeline).toContainEqual({ date: "2024-03-01", papers: 2 });
      expect(v.timeline.reduce((n: number, t: any) => n + t.papers, 0)).toBe(v.papersConnection.totalCount);
    } finally {
      for (const id of r.paperIds) await gql(`mutation($id: ID!) { deletePaper(id: $id) { deleted } }`, { id }, auth);
    }
  });

  test("of two alias holders with names of one length, every name lookup picks the one with the smaller key", async () => {
    // Zeta Tie is stored first, so an order left to the index would give it; Beta Tie's key is smaller.
    // Each is mentioned by a different seed paper, so the papersConnection filter shows which one it took.
    const [zetaPaper, betaPaper] = (await db.readTx(async (tx) => (await tx.run(
      "MATCH (p:Paper) WHERE NOT coalesce(p.stub, false) RETURN p.id AS id ORDER BY p.id LIMIT 2",
    )).records.map((r) => r.get("id") as string)));
    await db.writeTx(async (tx) => {
      for (const [name, key, paper] of [["Zeta Tie", "zetatie", zetaPaper], ["Beta Tie", "betatie", betaPaper]]) {
        await tx.run(
          `CREATE (e:Entity:Technique {id: 'technique:' + $key, key: $key, name: $name, kind: 'Technique',
             aliases: ['Tiebreak Alias'], aliasKeys: ['tiebreakalias'], aliasText: ' | Tiebreak Alias', aliasKeyText: ' tiebreakalias '})
           WITH e MATCH (p:Paper {id: $paper}) CREATE (p)-[:MENTIONS]->(e)`,
          { name, key, paper },
        );
      }
    });
    try {
      const r = dataOf(await gql(`{
        plain: technique(name: "tiebreak alias") { name }
        down: technique(name: "Tiebreak Alias") { name builtOnBy { depth } }
        up: technique(name: "tiebreak-alias") { name buildsOn { depth } }
        filtered: papersConnection(filter: { technique: "Tiebreak Alias" }) { totalCount nodes { id } }
      }`));
      expect([r.plain.name, r.down.name, r.up.name]).toEqual(["Beta Tie", "Beta Tie", "Beta Tie"]);
      expect(r.filtered.nodes.map((p: any) => p.id)).toEqual([betaPaper]);
    } finally {
      await db.writeTx(async (tx) => { await tx.run("MATCH (e:Entity) WHERE e.id IN ['technique:zetatie', 'technique:betatie'] DETACH DELETE e"); });
    }
  });

  test("did-you-mean crosses kinds: technique(name: \"A100\") suggests the hardware", async () => {
    const r = await gql(`{ technique(name: "A100") { name } }`);
    expect(codes(r)).toEqual(["NOT_FOUND"]);
    const ext = r.body.errors[0].extensions;
    expect(ext.suggestions).toContain("A100");
    expect(ext.suggestionKinds[ext.suggestions.indexOf("A100")]).toBe("Hardware");
  });

  test("an entity filter of papersConnection lists the papers the entity of that name lists, even when another entity holds the name as an alias", async () => {
    // SP holds "sequence parallelism" as an alias; the technique named "sequence parallelism" is another entity.
    const sp = dataOf(await gql(`{ technique(name: "SP") { name aliases } }`)).technique;
    expect(sp.aliases).toContain("sequence parallelism");
    const cases: [string, string][] = [["technique", "sequence parallelism"], ["technique", "KV cache"], ["hardware", "A100 GPUs"], ["hardware", "a100"]];
    for (const [kind, name] of cases) {
      const r = dataOf(await gql(`query($n: String!) {
        entity: ${kind}(name: $n) { name papersConnection(first: 100) { totalCount nodes { id } } }
        filtered: papersConnection(filter: { ${kind}: $n }, orderBy: TITLE, first: 100) { totalCount nodes { id } }
      }`, { n: name }));
      expect(r.entity.name).not.toBe("SP");
      expect(r.filtered.totalCount).toBe(r.entity.papersConnection.totalCount);
      expect(r.filtered.nodes.map((p: any) => p.id).sort()).toEqual(r.entity.papersConnection.nodes.map((p: any) => p.id).sort());
    }
  });

  test("search puts the entity whose name or alias is exactly the text first: \"flash attention\" is FlashAttention, not attention", async () => {
    const s = dataOf(await gql(`{ search(text: "flash attention", first: 3) { edges { score node { ... on Paper { title } ... on Entity { name } } } } }`)).search;
    expect(s.edges[0].node.name).toBe("FlashAttention");
    expect(s.edges[0].score).toBe(1);
    // Pages still never repeat a hit.
    const all = dataOf(await gql(`{ search(text: "flash attention", first: 100) { edges { node { ... on Paper { id } ... on Entity { id } } } } }`)).search.edges.map((e: any) => e.node.id);
    expect(new Set(all).size).toBe(all.length);
  });

  test("search pages with after and never repeats a hit", async () => {
    const first = dataOf(await gql(`{ search(text: "attention", first: 3) { totalCount pageInfo { endCursor hasNextPage } edges { node { ... on Paper { id } ... on Entity { id } } } } }`)).search;
    const second = dataOf(await gql(`query($a: String) { search(text: "attention", first: 3, after: $a) { pageInfo { hasPreviousPage } edges { node { ... on Paper { id } ... on Entity { id } } } } }`, { a: first.pageInfo.endCursor })).search;
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    const ids = [...first.edges, ...second.edges].map((e: any) => e.node.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("papers(search, first) keeps its contract; papersConnection adds relevance", async () => {
    const list = dataOf(await gql(`{ papers(first: 3) { title } }`)).papers;
    expect(list).toHaveLength(3);
    const c = dataOf(await gql(`{ papersConnection(filter: { text: "KV cache" }, orderBy: RELEVANCE, first: 3) { edges { score node { title } } } }`)).papersConnection;
    const scores = c.edges.map((e: any) => e.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  test("minConfidence keeps lineage and comparisons extracted with at least that confidence", async () => {
    const q = `query($c: Float) { technique(name: "FlashAttention") { builtOnBy(minConfidence: $c) { entity { name } evidence { confidence } } }
                                  vllm: technique(name: "vLLM") { comparedIn(minConfidence: $c) { paper { title } evidence { confidence } } } }`;
    const all = dataOf(await gql(q, { c: 0 }));
    const sure = dataOf(await gql(q, { c: 0.9 }));
    const names = (t: any) => t.technique.builtOnBy.map((e: any) => e.entity.name);
    expect(names(sure).every((n: string) => names(all).includes(n))).toBe(true);
    for (const e of sure.technique.builtOnBy) expect(Math.max(...e.evidence.map((x: any) => x.confidence))).toBeGreaterThanOrEqual(0.9);
    for (const c of sure.vllm.comparedIn) expect(c.evidence.confidence).toBeGreaterThanOrEqual(0.9);
    // The seed has edges on both sides of 0.9, so the filter really removes some.
    expect(names(sure).length + sure.vllm.comparedIn.length).toBeLessThan(names(all).length + all.vllm.comparedIn.length);
    expect(all.technique.builtOnBy.some((e: any) => e.evidence.every((x: any) => x.confidence < 0.9))).toBe(true);
  });

  test("nested lists batch: twenty papers with their entities, related and citations in one request", async () => {
    const r = dataOf(await gql(`{ papersConnection(first: 20) { nodes { title introduces { name ... on Technique { builtOnBy(maxDepth: 2) { depth } buildsOn { depth } comparedIn { claim } } } hardware { name ... on Hardware { category vendor } } related(first: 2) { score } citedBy(first: 2) { totalCount } } } }`));
    expect(r.papersConnection.nodes).toHaveLength(20);
    // Lineage under a list is batched per (direction, depth) and still answers per entity.
    const fa2 = dataOf(await gql(`{ papersConnection(filter: { technique: "FlashAttention-2" }, first: 20) { nodes { introduces { name ... on Technique { buildsOn { entity { name } } } } } } }`))
      .papersConnection.nodes.flatMap((p: any) => p.introduces).find((e: any) => e.name === "FlashAttention-2");
    expect(fa2.buildsOn.map((e: any) => e.entity.name)).toContain("FlashAttention");
  });
});

describe("error codes", () => {
  test("BAD_USER_INPUT: arguments out of range, bad cursors, bad dates, bad enum values", async () => {
    for (const q of [
      `{ technique(name: "FlashAttention") { builtOnBy(maxDepth: 11) { depth } } }`,
      `{ technique(name: "FlashAttention") { buildsOn(maxDepth: 0) { depth } } }`,
      `{ technique(name: "FlashAttention") { builtOnBy(minConfidence: 1.5) { depth } } }`,
      `{ technique(name: "vLLM") { comparedIn(minConfidence: -0.1) { claim } } }`,
      `{ papers(first: 101) { title } }`,
      `{ papersConnection(first: 101) { totalCount } }`,
      `{ papersConnection(after: "not-a-cursor") { totalCount } }`,
      `{ papersConnection(filter: { listedFrom: "yesterday" }) { totalCount } }`,
      `{ trending(since: "2024-13-45") { recent } }`,
      `{ changes(since: "2026-02-30T00:00:00Z") { paperCount } }`,
      `{ technique(name: "") { name } }`,
      `{ nosuchfield }`,
      `{ papersConnection(orderBy: SIDEWAYS) { totalCount } }`,
    ]) {
      const r = await gql(q);
      expect({ q, codes: codes(r) }).toEqual({ q, codes: ["BAD_USER_INPUT"] });
    }
  });

  test("a syntax error is BAD_USER_INPUT with HTTP 400, and a misspelt field suggests the field (the schema is public)", async () => {
    const r = await gql(`{ techniqe(name: "x") { name } }`);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.body.errors[0].message).toBe('Cannot query field "techniqe" on type "Query". Did you mean "technique"?');
    const syntax = await gql(`{ technique(name: "x" { name } }`);
    expect({ status: syntax.status, codes: codes(syntax) }).toEqual({ status: 400, codes: ["BAD_USER_INPUT"] });
    expect(syntax.body.errors[0].message).toMatch(/^Syntax Error: Expected Name, found "\{"/);
  });

  test("mutations: no key configured → FORBIDDEN; missing or wrong key → UNAUTHENTICATED", async () => {
    const m = `mutation { deletePaper(id: "p_x") { deleted } }`;
    expect(codes(await gql(m))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await gql(m, {}, { authorization: "Bearer wrong" }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await gql(m, {}, { authorization: KEY }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await gql(`mutation { ingest(text: "x") { created } }`, {}, { authorization: "Bearer nope" }))).toEqual(["UNAUTHENTICATED"]);
    const open = await startServer(db, { ...config, apiKey: undefined });
    try {
      const other = gqlClient(open.url);
      expect(codes(await other(m, {}, { authorization: `Bearer ${KEY}` }))).toEqual(["FORBIDDEN"]);
      expect(codes(await other(`mutation { ingest(text: "x") { created } }`))).toEqual(["FORBIDDEN"]);
    } finally {
      await open.stop();
    }
  });

  test("the ready line says where to open Apollo Sandbox, the offline GraphiQL and the explorer (README Quick start)", async () => {
    const lines: string[] = [];
    const other = await startServer(db, config, (l) => lines.push(l));
    try {
      const base = other.url.replace(/\/graphql$/, "");
      expect(lines[0]).toBe(`GraphQL ready at ${other.url} (Apollo Sandbox in a browser; offline GraphiQL at ${base}/graphiql; the explorer at ${base}/explore)`);
      for (const page of ["/graphiql", "/explore"]) expect((await fetch(base + page)).status).toBe(200);
    } finally {
      await other.stop();
    }
  });

  test("a query over the transaction timeout is stopped (QUERY_TOO_COMPLEX), the service keeps answering", async () => {
    const slow = await startServer(db, { ...config, queryTimeoutMs: 100 });
    try {
      const c = gqlClient(slow.url);
      // Twenty nested lineages of depth 10 over every technique: far more than 100 ms of work.
      const r = await c(`{ papersConnection(first: 100) { nodes { introduces { ... on Technique { builtOnBy(maxDepth: 10) { depth } buildsOn(maxDepth: 10) { depth } } } related(first: 100) { score } } } }`);
      if (r.body.errors) expect(codes(r)).toContain("QUERY_TOO_COMPLEX");
      expect(dataOf(await c(`{ stats { papers } }`)).stats.papers).toBe(112);
    } finally {
      await slow.stop();
    }
  });

  test("production mode: no stack traces or internals in errors", async () => {
    const prod = await startServer(db, { ...config, production: true });
    try {
      const c = gqlClient(prod.url);
      for (const q of [`{ technique(name: "FlashAttention") { builtOnBy(maxDepth: 11) { depth } } }`, `{ technique(name: "qqqq") { name } }`, `{ x }`]) {
        const r = await c(q);
        for (const e of r.body.errors) expect(e.extensions.stacktrace).toBeUndefined();
      }
    } finally {
      await prod.stop();
    }
  });
});

describe("injection battery: hostile strings in every string argument change nothing and crash nothing", () => {
  const HOSTILE = [
    `' OR 1=1 //`,
    `"}) MATCH (n) DETACH DELETE n //`,
    `x}]->(n) DETACH DELETE n RETURN 1 //`,
    `\\\\'; CALL dbms.shutdown() //`,
    `$id`,
    `*:*`,
    `title:* OR abstract:*`,
    `foo~ bar^10 "unterminated ( [ {`,
    `/.*/`,
    `AND OR NOT &&||!`,
    `\u0000\u0001\u001f`,
    `🔥 注意 attention`,
    `a`.repeat(200),
    `Mar 17' }) RETURN 1 //`,
  ];
  const TARGETS: [string, (s: string) => [string, Record<string, unknown>]][] = [
    ["technique(name)", (s) => [`query($s: String!) { technique(name: $s) { name } }`, { s }]],
    ["hardware(name)", (s) => [`query($s: String!) { hardware(name: $s) { name } }`, { s }]],
    ["model(name)", (s) => [`query($s: String!) { model(name: $s) { name } }`, { s }]],
    ["dataset(name)", (s) => [`query($s: String!) { dataset(name: $s) { name } }`, { s }]],
    ["paper(id)", (s) => [`query($s: ID!) { paper(id: $s) { title } }`, { s }]],
    ["paper(title)", (s) => [`query($s: String!) { paper(title: $s) { title } }`, { s }]],
    ["papers(search)", (s) => [`query($s: String!) { papers(search: $s) { title } }`, { s }]],
    ["search(text)", (s) => [`query($s: String!) { search(text: $s) { totalCount } }`, { s }]],
    ["search(after)", (s) => [`query($s: String!) { search(text: "attention", after: $s) { totalCount } }`, { s }]],
    ["lineagePath(from)", (s) => [`query($s: String!) { lineagePath(from: $s, to: "FlashAttention") { length } }`, { s }]],
    ["lineagePath(to)", (s) => [`query($s: String!) { lineagePath(from: "FlashAttention", to: $s) { length } }`, { s }]],
    ["trending(since)", (s) => [`query($s: Date!) { trending(since: $s) { recent } }`, { s }]],
    ["papers(since)", (s) => [`query($s: Date!) { papers(since: $s) { title } }`, { s }]],
    ["changes(since)", (s) => [`query($s: DateTime!) { changes(since: $s) { paperCount } }`, { s }]],
    ...(["technique", "model", "dataset", "hardware", "author", "text", "listedFrom", "listedTo"] as const).map(
      (f) => [`papersConnection(filter.${f})`, (s: string) => [`query($f: PaperFilter!) { papersConnection(filter: $f) { totalCount } }`, { f: { [f]: s } }]] as [string, (s: string) => [string, Record<string, unknown>]],
    ),
    ["papersConnection(after)", (s) => [`query($s: String!) { papersConnection(after: $s) { totalCount } }`, { s }]],
    ["papersConnection(cites after)", (s) => [`query($s: String!) { papers(first: 1) { cites(after: $s) { totalCount } citedBy(after: $s) { totalCount } } }`, { s }]],
    ["deletePaper(id) without key", (s) => [`mutation($s: ID!) { deletePaper(id: $s) { deleted } }`, { s }]],
    ["ingest(format) without key", (s) => [`mutation($s: String!) { ingest(text: $s, format: $s) { created } }`, { s }]],
  ];

  test("every argument, every string", async () => {
    const before = dataOf(await gql(`{ stats { papers techniques models datasets hardware relationships } }`)).stats;
    for (const [label, make] of TARGETS) {
      await Promise.all(HOSTILE.map(async (s) => {
        const [q, vars] = make(s);
        const r = await gql(q, vars);
        const got = codes(r);
        expect({ label, s, status: r.status < 500, internal: got.includes("INTERNAL_SERVER_ERROR") }).toEqual({ label, s, status: true, internal: false });
        for (const c of got) expect(["BAD_USER_INPUT", "NOT_FOUND", "UNAUTHENTICATED"]).toContain(c);
      }));
    }
    const after = dataOf(await gql(`{ stats { papers techniques models datasets hardware relationships } }`)).stats;
    expect(after).toEqual(before);
  });

  test("the same strings through the ingest mutation are stored as text, not run", async () => {
    const auth = { authorization: `Bearer ${KEY}` };
    const title = `Injection Paper ' }) MATCH (n) DETACH DELETE n //`;
    const r = dataOf(await gql(`mutation($t: String!) { ingest(text: $t) { created paperIds } }`, { t: `${title}\n\nWe study "}) MATCH (n) DETACH DELETE n // and *:* on GPUs.\n` }, auth)).ingest;
    expect(r.created).toBe(1);
    const p = dataOf(await gql(`query($id: ID!) { paper(id: $id) { title } }`, { id: r.paperIds[0] })).paper;
    expect(p.title).toBe(title);
    expect(dataOf(await gql(`mutation($id: ID!) { deletePaper(id: $id) { deleted } }`, { id: r.paperIds[0] }, auth)).deletePaper.deleted).toBe(true);
    expect(dataOf(await gql(`{ stats { papers } }`)).stats.papers).toBe(112);
  });
});

describe("request log", () => {
  test("one JSON line per request with operation, duration and outcome", async () => {
    logs = [];
    await gql(`query StatsForLog { stats { papers } }`);
    await gql(`query MissingForLog { technique(name: "zzzz") { name } }`);
    const lines = logs.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
    const ok = lines.find((l) => l.operation === "StatsForLog");
    expect(ok).toMatchObject({ kind: "graphql", outcome: "ok", type: "query" });
    expect(typeof ok.durationMs).toBe("number");
    expect(lines.find((l) => l.operation === "MissingForLog")).toMatchObject({ outcome: "error", codes: ["NOT_FOUND"] });
  });

  test("a document that does not parse, or is over the token limit, is logged too, as a 400", async () => {
    logs = [];
    await gql(`query BrokenForLog { stats { papers }`);
    await gql(`query LongForLog { stats { ${"papers ".repeat(LIMITS.maxTokens)} } }`);
    const lines = logs.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.kind, l.outcome, l.status, l.codes])).toEqual([
      ["graphql", "error", 400, ["BAD_USER_INPUT"]],
      ["graphql", "error", 400, ["QUERY_TOO_COMPLEX"]],
    ]);
  });
});
