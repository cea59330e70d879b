// `techtree export`: the whole graph, or the lineage around one entity, as GraphML, JSON or CSV.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import type { Config } from "../config";
import { run, type Db } from "../graph/db";
import { connect } from "../runtime";
import { ensureParentDir, makeDir } from "../paths";
import { EXPORT_FORMATS, isExportFormat, toCsv, toCytoscapeJson, toGraphML, type ExportEdge, type ExportFormat, type ExportGraph, type ExportNode } from "./formats";
import { walkLineage } from "../graph/lineage";
import { isPaperId } from "../domain";
import { curatedGold } from "../curation/gold";
import { suggestNames } from "../follow/changes";
import { fetchNeighbourhood, MAX_NEIGHBOURHOOD_DEPTH, MAX_PAPERS, type NeighbourhoodReader, type NeighbourhoodRecord } from "./neighbourhood";

export const EXPORT_HELP = `Usage: techtree export [--format graphml|json|csv] [--root NAME [--depth N]] [--out PATH]
       techtree export --curations [--out FILE]

Writes the graph for Gephi, Cytoscape desktop, yEd or a script.
  --format F      graphml (default): GraphML with every property as an attribute
                  json: Cytoscape.js elements JSON (Cytoscape desktop: File > Import > Network from File, .cyjs)
                  csv: nodes.csv (Id,Label,Kind,...) and edges.csv (Id,Source,Target,Type,Label,...)
                       for Gephi's Import Spreadsheet; needs --out DIR (created if missing)
  --root NAME     only the neighbourhood of this entity (any kind, matched like technique(name))
                  or paper id: what it builds on and what builds on it, up to --depth hops,
                  the papers around them, and what those papers compare against and run on
  --depth N       builds-on hops from --root, 1..${MAX_NEIGHBOURHOOD_DEPTH} (default 2)
  --out PATH      write to this file (graphml, json) or directory (csv) instead of stdout
  --curations     the papers people corrected (GraphQL curation mutations), with the facts the
                  graph holds for them now, as gold records in the format of shared/gold
                  (a JSON array eval/score.mjs reads as --gold): training data for extraction

Examples:
  techtree export > techtree.graphml
  techtree export --format json --root FlashAttention --depth 3 --out flashattention.cyjs
  techtree export --format csv --out techtree-csv/
  techtree export --curations --out curated-gold.json
`;

/** A usage mistake: runCli prints it with the usage hint and exits 2 (it keys on this code). */
export class ExportUsageError extends Error {
  readonly code = "ERR_PARSE_ARGS_UNKNOWN_OPTION";
}

export async function exportCommand(args: readonly string[], config: Config, log: (line: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: [...args], allowPositionals: false,
    options: {
      format: { type: "string" }, root: { type: "string" }, depth: { type: "string" }, out: { type: "string" }, curations: { type: "boolean" },
    },
  });
  if (values.curations) {
    if (values.format !== undefined || values.root !== undefined || values.depth !== undefined) {
      throw new ExportUsageError("--curations writes gold records (JSON); it takes only --out");
    }
    if (values.out) ensureParentDir(values.out);
    return exportCurations(config, values.out, log);
  }
  const format = values.format ?? "graphml";
  if (!isExportFormat(format)) throw new ExportUsageError(`unknown --format "${format}"; use one of ${EXPORT_FORMATS.join(", ")}`);
  if (values.depth !== undefined && values.root === undefined) throw new ExportUsageError("--depth needs --root");
  const depth = values.depth === undefined ? 2 : Number(values.depth);
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_NEIGHBOURHOOD_DEPTH) throw new ExportUsageError(`--depth takes a whole number from 1 to ${MAX_NEIGHBOURHOOD_DEPTH}, not "${values.depth}"`);
  if (format === "csv" && !values.out) throw new ExportUsageError("--format csv writes two files: give a directory with --out DIR");
  if (values.out && format !== "csv") ensureParentDir(values.out);

  const rt = await connect(config, log);
  try {
    // Migrated and repaired first, as every command that reads the graph: a lineage is walked by the
    // builds-on keys, which an older techtree's edges lack until then.
    await rt.prepare();
    const graph = values.root === undefined ? await wholeGraph(rt.db) : await lineageGraph(rt.db, values.root, depth);
    if (!graph) {
      const close = await suggestNames(rt.db, values.root!);
      log(`techtree: nothing named "${values.root}" in the graph${close.length ? `; did you mean ${close.join(", ")}?` : ""}`);
      return 1;
    }
    writeExport(graph, format, values.out);
    log(`Exported ${graph.nodes.length} nodes and ${graph.edges.length} edges${values.out ? ` to ${values.out}` : ""}`);
    return 0;
  } finally {
    await rt.close();
  }
}

async function exportCurations(config: Config, out: string | undefined, log: (line: string) => void): Promise<number> {
  const rt = await connect(config, log);
  try {
    await rt.prepare();
    const gold = await curatedGold(rt.db);
    const text = JSON.stringify(gold, null, 1) + "\n";
    if (out) fs.writeFileSync(out, text);
    else process.stdout.write(text);
    log(`Exported ${gold.length} corrected paper${gold.length === 1 ? "" : "s"} as gold records${out ? ` to ${out}` : ""}`);
    return 0;
  } finally {
    await rt.close();
  }
}

export function writeExport(graph: ExportGraph, format: ExportFormat, out: string | undefined): void {
  if (format === "csv") {
    const dir = out!;
    makeDir(dir);
    for (const [name, text] of Object.entries(toCsv(graph))) fs.writeFileSync(path.join(dir, name), text);
    return;
  }
  const text = format === "graphml" ? toGraphML(graph) : toCytoscapeJson(graph);
  if (out) fs.writeFileSync(out, text);
  else process.stdout.write(text);
}

interface NodeRow { id: string; kind: string; label: string; props: ExportNode["props"] }
interface EdgeRow { source: string; target: string; type: string; props: ExportEdge["props"] & { paper?: string | null; fact?: string | null } }

/** Every paper, entity and topic and the relationships between them, read in one transaction. */
export async function wholeGraph(db: Db): Promise<ExportGraph> {
  const [nodes, edges] = await db.readTx((tx) => Promise.all([run<NodeRow>(tx, "read/export-nodes"), run<EdgeRow>(tx, "read/export-edges")]));
  return {
    nodes: nodes.map((n) => ({ id: n.id, label: n.label, kind: n.kind, props: n.props })),
    // Parallel edges (one BUILDS_ON per paper that states it, one USES per fact kind) stay apart.
    edges: edges.map((e) => ({ id: edgeId(e), source: e.source, target: e.target, type: e.type, props: e.props })),
  };
}

function edgeId(e: EdgeRow): string {
  const base = `${e.type}:${e.source}->${e.target}`;
  if (e.type === "BUILDS_ON" && e.props.paper) return `${base}@${e.props.paper}`;
  return e.props.fact ? `${base}#${e.props.fact}` : base;
}

/** The neighbourhood the explorer draws, flattened: each edge keeps its first sentence and how many state it. */
export async function lineageGraph(db: Db, root: string, depth: number): Promise<ExportGraph | null> {
  const reader: NeighbourhoodReader = {
    read: (name, params) => db.read(name, params),
    lineage: (direction, ids, maxDepth, first, evidence, minConfidence, starts) => db.readTx((tx) => walkLineage(tx, direction, ids, maxDepth, first, evidence, minConfidence, starts)),
  };
  // An export is read once and written out whole: the view at its largest, with every edge's sentences.
  const q = { depth, papers: MAX_PAPERS, evidence: true };
  const view = await fetchNeighbourhood(reader, isPaperId(root) ? { ...q, id: root } : { ...q, name: root });
  return view ? neighbourhoodToExport(view) : null;
}

export function neighbourhoodToExport(view: NeighbourhoodRecord): ExportGraph {
  return {
    nodes: view.nodes.map((n) => ({ id: n.id, label: n.label, kind: n.kind, props: { depth: n.depth, topic: n.topicId, root: n.id === view.root.id } })),
    edges: view.edges.map((e) => {
      const evidence = e.evidence ?? [];
      const first = evidence[0];
      return {
        id: e.id, source: e.source, target: e.target, type: e.type,
        props: { paper: first?.paper, sentence: first?.sentence, rule: first?.rule, confidence: first?.confidence, claim: first?.claim, evidenceCount: evidence.length },
      };
    }),
  };
}
