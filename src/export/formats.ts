// Serialisers for `techtree export`: a plain node/edge list to GraphML (Gephi, yEd, Cytoscape),
// Cytoscape.js JSON (Cytoscape desktop "Import Network from File", and the explorer) and
// two CSV tables (Gephi's spreadsheet import). Pure: strings in, strings out.

export type Scalar = string | number | boolean;

export interface ExportNode {
  readonly id: string;
  readonly label: string;
  /** Paper, Technique, Model, Dataset, Hardware or Topic. */
  readonly kind: string;
  readonly props: Readonly<Record<string, Scalar | readonly string[] | null | undefined>>;
}

export interface ExportEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** Relationship type: BUILDS_ON, INTRODUCES, ... */
  readonly type: string;
  readonly props: Readonly<Record<string, Scalar | readonly string[] | null | undefined>>;
}

export interface ExportGraph {
  readonly nodes: readonly ExportNode[];
  readonly edges: readonly ExportEdge[];
}

export const EXPORT_FORMATS = ["graphml", "json", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(v: string): v is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(v);
}

/** Lists become "a | b" text: GraphML and CSV have no list type. */
function flat(v: Scalar | readonly string[] | null | undefined): Scalar | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.join(" | ");
  return v as Scalar;
}

type AttrType = "string" | "int" | "long" | "double" | "boolean";

/**
 * Properties that are fractions by nature: a column of them stays double even when every value in
 * this export happens to be whole (a confidence of 1), so the type does not change from export to export.
 */
const FRACTIONS: ReadonlySet<string> = new Set(["confidence", "weight", "topicWeight", "specificity"]);
const INT_MAX = 2 ** 31 - 1;

/** GraphML's number types: int for whole numbers (Gephi shows 15, not 15.0), long past 32 bits, else double. */
function numberType(key: string, v: number): AttrType {
  if (FRACTIONS.has(key) || !Number.isInteger(v)) return "double";
  return Math.abs(v) > INT_MAX ? "long" : "int";
}

/** The wider of two types of one column: int < long < double; any other mix is text. */
function widen(a: AttrType, b: AttrType): AttrType {
  if (a === b) return a;
  const numbers: readonly AttrType[] = ["int", "long", "double"];
  const ia = numbers.indexOf(a), ib = numbers.indexOf(b);
  return ia >= 0 && ib >= 0 ? numbers[Math.max(ia, ib)]! : "string";
}

function attrTypes(items: readonly { props: ExportNode["props"] }[]): Map<string, AttrType> {
  const types = new Map<string, AttrType>();
  for (const it of items) {
    for (const [k, raw] of Object.entries(it.props)) {
      const v = flat(raw);
      if (v === null) continue;
      const t: AttrType = typeof v === "number" ? numberType(k, v) : typeof v === "boolean" ? "boolean" : "string";
      const old = types.get(k);
      types.set(k, old ? widen(old, t) : t);
    }
  }
  return new Map([...types].sort((a, b) => a[0].localeCompare(b[0])));
}

export function xmlEscape(s: string): string {
  // Characters XML 1.0 forbids are dropped; the five specials are escaped.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "").replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`);
}

// XML 1.0's NameChar: what an xs:NMTOKEN is made of.
const NOT_NAME_CHAR = /[^-.0-9:A-Z_a-z\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}]/gu;

/**
 * An id as GraphML's schema wants it: graphml.xsd types node and edge ids, source and target as
 * xs:NMTOKEN, which has no ">", "@" or "#". An edge id's "->" becomes "--" and any other such character
 * "."; techtree's ids are made of kinds, keys and paper ids, so this keeps them apart.
 */
export function graphmlId(id: string): string {
  return id.replace(/->/g, "--").replace(NOT_NAME_CHAR, ".");
}

export function toGraphML(g: ExportGraph): string {
  const nodeAttrs = attrTypes(g.nodes);
  const edgeAttrs = attrTypes(g.edges);
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">`,
    `  <key id="label" for="node" attr.name="label" attr.type="string"/>`,
    `  <key id="kind" for="node" attr.name="kind" attr.type="string"/>`,
    ...[...nodeAttrs].map(([k, t]) => `  <key id="n_${xmlEscape(k)}" for="node" attr.name="${xmlEscape(k)}" attr.type="${t}"/>`),
    `  <key id="type" for="edge" attr.name="type" attr.type="string"/>`,
    ...[...edgeAttrs].map(([k, t]) => `  <key id="e_${xmlEscape(k)}" for="edge" attr.name="${xmlEscape(k)}" attr.type="${t}"/>`),
    `  <graph id="techtree" edgedefault="directed">`,
  ];
  const data = (key: string, v: Scalar | null) => (v === null ? [] : [`<data key="${xmlEscape(key)}">${xmlEscape(String(v))}</data>`]);
  for (const n of g.nodes) {
    const fields = [...data("label", n.label), ...data("kind", n.kind), ...[...nodeAttrs.keys()].flatMap((k) => data(`n_${k}`, flat(n.props[k])))];
    out.push(`    <node id="${xmlEscape(graphmlId(n.id))}">${fields.join("")}</node>`);
  }
  for (const e of g.edges) {
    const fields = [...data("type", e.type), ...[...edgeAttrs.keys()].flatMap((k) => data(`e_${k}`, flat(e.props[k])))];
    out.push(`    <edge id="${xmlEscape(graphmlId(e.id))}" source="${xmlEscape(graphmlId(e.source))}" target="${xmlEscape(graphmlId(e.target))}">${fields.join("")}</edge>`);
  }
  out.push(`  </graph>`, `</graphml>`, ``);
  return out.join("\n");
}

/** Cytoscape.js elements JSON ({elements: {nodes: [{data}], edges: [{data}]}}), which Cytoscape desktop imports as .cyjs. */
export function toCytoscapeJson(g: ExportGraph): string {
  const clean = (props: ExportNode["props"]) => Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null && v !== undefined));
  return JSON.stringify({
    format_version: "1.0",
    generated_by: "techtree",
    target_cytoscapejs_version: "~3.34",
    data: { name: "techtree" },
    elements: {
      nodes: g.nodes.map((n) => ({ data: { ...clean(n.props), id: n.id, label: n.label, kind: n.kind } })),
      edges: g.edges.map((e) => ({ data: { ...clean(e.props), id: e.id, source: e.source, target: e.target, type: e.type, interaction: e.type } })),
    },
  }, null, 1) + "\n";
}

export function csvField(v: Scalar | null): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Gephi's spreadsheet import: nodes.csv (Id, Label, ...) and edges.csv (Source, Target, Type=Directed, Label, ...). */
export function toCsv(g: ExportGraph): { "nodes.csv": string; "edges.csv": string } {
  const nodeAttrs = [...attrTypes(g.nodes).keys()].filter((k) => !["id", "label", "kind"].includes(k));
  const edgeAttrs = [...attrTypes(g.edges).keys()].filter((k) => !["id", "source", "target", "type"].includes(k));
  const line = (fields: (Scalar | null)[]) => fields.map(csvField).join(",");
  const nodes = [line(["Id", "Label", "Kind", ...nodeAttrs]), ...g.nodes.map((n) => line([n.id, n.label, n.kind, ...nodeAttrs.map((k) => flat(n.props[k]))]))];
  const edges = [
    line(["Id", "Source", "Target", "Type", "Label", ...edgeAttrs]),
    ...g.edges.map((e) => line([e.id, e.source, e.target, "Directed", e.type, ...edgeAttrs.map((k) => flat(e.props[k]))])),
  ];
  return { "nodes.csv": nodes.join("\r\n") + "\r\n", "edges.csv": edges.join("\r\n") + "\r\n" };
}
