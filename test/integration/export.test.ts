// `techtree export` over the real seed graph: the whole graph and a FlashAttention lineage.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Db } from "../../src/graph/db";
import { exportCommand, lineageGraph, wholeGraph, writeExport } from "../../src/export/command";
import { readConfig } from "../../src/config";
import { startCli } from "../helpers/cli";
import { toGraphML } from "../../src/export/formats";
import { recomputeTopics } from "../../src/topics/recompute";
import { freshSeedGraph, testDb } from "../helpers/neo4j";

let db: Db;

beforeAll(async () => {
  db = testDb();
  await freshSeedGraph(db);
  await db.applySchema();
  await recomputeTopics(db);
});

afterAll(async () => {
  await db.close();
});

test("the whole seed graph: every paper, entity and topic; edges only between exported nodes", async () => {
  const g = await wholeGraph(db);
  const kinds = new Set(g.nodes.map((n) => n.kind));
  for (const k of ["Paper", "Technique", "Model", "Dataset", "Hardware", "Topic"]) expect(kinds).toContain(k);
  expect(g.nodes.filter((n) => n.kind === "Paper" && !n.props.stub).length).toBe(112);
  const ids = new Set(g.nodes.map((n) => n.id));
  expect(ids.size).toBe(g.nodes.length);
  for (const e of g.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  expect(new Set(g.edges.map((e) => e.id)).size).toBe(g.edges.length);
  expect(g.edges.some((e) => e.type === "ABOUT")).toBe(true);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-export-"));
  try {
    writeExport(g, "graphml", path.join(dir, "all.graphml"));
    writeExport(g, "json", path.join(dir, "all.cyjs"));
    writeExport(g, "csv", path.join(dir, "csv"));
    expect(fs.readFileSync(path.join(dir, "all.graphml"), "utf8").match(/<node /g)).toHaveLength(g.nodes.length);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "all.cyjs"), "utf8")).elements.edges).toHaveLength(g.edges.length);
    const nodesCsv = fs.readFileSync(path.join(dir, "csv", "nodes.csv"), "utf8");
    expect(nodesCsv.startsWith("Id,Label,Kind,")).toBe(true);
    expect(fs.readFileSync(path.join(dir, "csv", "edges.csv"), "utf8").startsWith("Id,Source,Target,Type,Label,")).toBe(true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a lineage export: FlashAttention at the root, FlashAttention-2 at depth 1, GEB-1.3B at 2", async () => {
  const g = (await lineageGraph(db, "FlashAttention", 3))!;
  const node = (label: string) => g.nodes.find((n) => n.label === label);
  expect(node("FlashAttention")?.props).toMatchObject({ depth: 0, root: true });
  expect(node("FlashAttention-2")?.props.depth).toBe(1);
  expect(node("GEB-1.3B")?.props.depth).toBe(2);
  const edge = g.edges.find((e) => e.type === "BUILDS_ON" && e.source === node("FlashAttention-2")!.id);
  expect(String(edge?.props.sentence)).toMatch(/FlashAttention/);
  expect(toGraphML(g)).toContain("FlashAttention-2");
  expect(await lineageGraph(db, "no such technique anywhere", 2)).toBeNull();
});

test("an unknown root fails with the closest names in the graph", async () => {
  const lines: string[] = [];
  const config = readConfig({ NEO4J_URI: process.env.TECHTREE_TEST_NEO4J_URI, NEO4J_USER: process.env.NEO4J_USER ?? "neo4j", NEO4J_PASSWORD: process.env.NEO4J_PASSWORD ?? "" });
  expect(await exportCommand(["--root", "flashatention"], config, (l) => lines.push(l))).toBe(1);
  expect(lines.at(-1)).toMatch(/^techtree: nothing named "flashatention" in the graph; did you mean FlashAttention, /);
});

test("--out and --report into folders that do not exist yet: the folders are made", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-out-"));
  try {
    const config = readConfig({ NEO4J_URI: process.env.TECHTREE_TEST_NEO4J_URI, NEO4J_USER: process.env.NEO4J_USER ?? "neo4j", NEO4J_PASSWORD: process.env.NEO4J_PASSWORD ?? "" });
    const graphml = path.join(dir, "new", "deeper", "lineage.graphml");
    expect(await exportCommand(["--root", "FlashAttention", "--out", graphml], config, () => {})).toBe(0);
    expect(fs.readFileSync(graphml, "utf8")).toContain("FlashAttention-2");

    // Last in this file: it adds a paper to the graph the tests above read.
    const page = path.join(dir, "page.txt");
    fs.writeFileSync(page, "Mar 18\n\nZ-Report: A Paper For The Report Test\n\nWe propose Z-Report, which builds on FlashAttention.\n");
    const report = path.join(dir, "reports", "today", "r.json");
    const { code } = await startCli(["ingest", page, "--report", report, "--no-topics"]).exited;
    expect(code).toBe(0);
    expect(JSON.parse(fs.readFileSync(report, "utf8"))).toMatchObject({ exitCode: 0 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
