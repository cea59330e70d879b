// The export serialisers: GraphML that parses as XML with typed keys, Cytoscape.js JSON, and
// Gephi-style CSV with correct quoting. Pure: no database.
import { csvField, graphmlId, toCsv, toCytoscapeJson, toGraphML, xmlEscape, type ExportGraph } from "../../src/export/formats";
import { GraphBuilder, parseEdgeId } from "../../src/export/neighbourhood";

const graph: ExportGraph = {
  nodes: [
    { id: "technique:flashattention", label: "FlashAttention", kind: "Technique", props: { aliases: ["Flash-Attention", "FA"], topic: "topic:attention" } },
    { id: "p_1", label: "FlashAttention-2: Faster <Attention> & \"Better\"", kind: "Paper", props: { listingDate: "Mar 17", stub: false } },
    { id: "technique:flashattention2", label: "FlashAttention-2", kind: "Technique", props: { depth: 1 } },
  ],
  edges: [
    { id: "BUILDS_ON:technique:flashattention2->technique:flashattention", source: "technique:flashattention2", target: "technique:flashattention", type: "BUILDS_ON", props: { paper: "p_1", sentence: "We build on FlashAttention, the fast one.", confidence: 0.9 } },
    { id: "INTRODUCES:p_1->technique:flashattention2", source: "p_1", target: "technique:flashattention2", type: "INTRODUCES", props: { sentence: null } },
  ],
};

test("GraphML: typed keys, escaped text, one node and edge element each", () => {
  const xml = toGraphML(graph);
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  expect(xml).toContain('<key id="n_depth" for="node" attr.name="depth" attr.type="int"/>');
  expect(xml).toContain('<key id="n_stub" for="node" attr.name="stub" attr.type="boolean"/>');
  expect(xml).toContain('<key id="e_confidence" for="edge" attr.name="confidence" attr.type="double"/>');
  expect(xml).toContain("FlashAttention-2: Faster &lt;Attention&gt; &amp; &quot;Better&quot;");
  expect(xml).toContain('<data key="n_aliases">Flash-Attention | FA</data>');
  expect(xml.match(/<node /g)).toHaveLength(3);
  expect(xml.match(/<edge /g)).toHaveLength(2);
  expect(xml).toContain('<graph id="techtree" edgedefault="directed">');
  expect(xml).not.toContain("e_sentence\">null");
  // Balanced tags: every opened node/edge/data closes.
  for (const tag of ["node", "edge", "data", "graph", "graphml"]) {
    expect((xml.match(new RegExp(`<${tag}[ >]`, "g")) ?? []).length).toBe((xml.match(new RegExp(`</${tag}>`, "g")) ?? []).length);
  }
});

test("GraphML: whole numbers (size, depth, start, end, evidenceCount) are int, so Gephi shows 15 and not 15.0; fractions stay double", () => {
  const g: ExportGraph = {
    nodes: [
      { id: "topic:1", label: "attention", kind: "Topic", props: { size: 15 } },
      { id: "topic:2", label: "decoding", kind: "Topic", props: { size: 9 } },
      { id: "technique:a", label: "A", kind: "Technique", props: { depth: 0, specificity: 0.5, big: 2 ** 40 } },
      { id: "technique:b", label: "B", kind: "Technique", props: { depth: 2, specificity: 1, big: 3 } },
    ],
    edges: [
      // A confidence or a topic weight is a fraction even when one edge's happens to be 1.
      { id: "USES:technique:a->technique:b", source: "technique:a", target: "technique:b", type: "USES", props: { start: 0, end: 120, confidence: 1, weight: 1, evidenceCount: 3 } },
      { id: "USES:technique:b->technique:a", source: "technique:b", target: "technique:a", type: "USES", props: { start: 17, end: 64, confidence: 1, weight: 1, evidenceCount: 1 } },
    ],
  };
  const xml = toGraphML(g);
  const typeOf = (key: string) => new RegExp(`<key id="${key}" [^>]*attr.type="([a-z]+)"`).exec(xml)?.[1];
  expect(["n_size", "n_depth", "e_start", "e_end", "e_evidenceCount"].map(typeOf)).toEqual(["int", "int", "int", "int", "int"]);
  // Whole numbers beyond a 32-bit int are long; a column with one fraction is double.
  expect(typeOf("n_big")).toBe("long");
  expect(typeOf("n_specificity")).toBe("double");
  expect(typeOf("e_confidence")).toBe("double");
  expect(typeOf("e_weight")).toBe("double");
  expect(xml).toContain('<data key="n_size">15</data>');
});

test("GraphML ids are XML name tokens, as graphml.xsd types them (xs:NMTOKEN): no '>', '@' or '#' from techtree's edge ids", () => {
  const g: ExportGraph = {
    nodes: [graph.nodes[0]!, graph.nodes[1]!, graph.nodes[2]!, { id: "hardware:a100", label: "A100", kind: "Hardware", props: {} }],
    edges: [
      { id: "BUILDS_ON:technique:flashattention2->technique:flashattention@p_1", source: "technique:flashattention2", target: "technique:flashattention", type: "BUILDS_ON", props: {} },
      { id: "EVALUATED_ON:p_1->hardware:a100#hardware", source: "p_1", target: "hardware:a100", type: "EVALUATED_ON", props: {} },
    ],
  };
  const xml = toGraphML(g);
  const values = [...xml.matchAll(/<(?:node|edge) ([^>]*)>/g)].flatMap((m) => [...m[1]!.matchAll(/(?:id|source|target)="([^"]*)"/g)].map((a) => a[1]!));
  expect(values).toHaveLength(4 + 2 * 3);
  for (const v of values) expect(v).toMatch(/^[-.0-9:A-Z_a-z]+$/);
  expect(xml).toContain('<edge id="BUILDS_ON:technique:flashattention2--technique:flashattention.p_1" source="technique:flashattention2" target="technique:flashattention">');
  expect(xml).toContain('<edge id="EVALUATED_ON:p_1--hardware:a100.hardware" source="p_1" target="hardware:a100">');
  expect(graphmlId("technique:flashattention")).toBe("technique:flashattention");
});

test("xmlEscape drops characters XML cannot hold", () => {
  expect(xmlEscape("a\u0001b<c>'")).toBe("ab&lt;c&gt;&apos;");
});

test("Cytoscape.js JSON: elements with data, nulls dropped", () => {
  const doc = JSON.parse(toCytoscapeJson(graph));
  expect(doc.elements.nodes).toHaveLength(3);
  expect(doc.elements.nodes[0].data).toEqual({ id: "technique:flashattention", label: "FlashAttention", kind: "Technique", aliases: ["Flash-Attention", "FA"], topic: "topic:attention" });
  expect(doc.elements.edges[1].data).toEqual({ id: "INTRODUCES:p_1->technique:flashattention2", source: "p_1", target: "technique:flashattention2", type: "INTRODUCES", interaction: "INTRODUCES" });
});

test("CSV: Gephi headers, RFC 4180 quoting, CRLF rows", () => {
  const csv = toCsv(graph);
  const nodes = csv["nodes.csv"].split("\r\n");
  expect(nodes[0]).toBe("Id,Label,Kind,aliases,depth,listingDate,stub,topic");
  expect(nodes[2]).toBe('p_1,"FlashAttention-2: Faster <Attention> & ""Better""",Paper,,,Mar 17,false,');
  const edges = csv["edges.csv"].split("\r\n");
  expect(edges[0]).toBe("Id,Source,Target,Type,Label,confidence,paper,sentence");
  expect(edges[1]).toContain(',Directed,BUILDS_ON,0.9,p_1,"We build on FlashAttention, the fast one."');
  expect(csv["edges.csv"].endsWith("\r\n")).toBe(true);
});

test.each([
  [null, ""],
  ["plain", "plain"],
  ["a,b", '"a,b"'],
  ['say "hi"', '"say ""hi"""'],
  ["line\nbreak", '"line\nbreak"'],
  [" padded", '" padded"'],
  [3.5, "3.5"],
  [true, "true"],
])("csvField(%p) = %p", (v, expected) => {
  expect(csvField(v)).toBe(expected);
});

test("GraphBuilder: smallest depth wins, parallel evidence merges once, dangling edges are dropped", () => {
  const ev = (paper: string, start: number) => ({ paper, sentence: "s", rule: null, confidence: null, field: "abstract", start, end: start + 1 });
  const g = new GraphBuilder()
    .node({ id: "a", name: "A", kind: "Technique" }, 0)
    .node({ id: "b", name: "B", kind: "Technique" }, 1)
    .node({ id: "c", name: "C", kind: "Technique" }, 2)
    .node({ id: "c", name: "C", kind: "Technique" }, 1)
    .node({ id: "c", name: "C", kind: "Technique" }, 3)
    .edge({ source: "b", target: "c", type: "BUILDS_ON", evidence: ev("p1", 5) })
    .edge({ source: "a", target: "c", type: "BUILDS_ON", evidence: ev("p2", 0) })
    .edge({ source: "a", target: "b", type: "BUILDS_ON", evidence: ev("p1", 0) })
    .edge({ source: "a", target: "b", type: "BUILDS_ON", evidence: ev("p3", 0) })
    .edge({ source: "a", target: "zzz", type: "USES" });
  const view = g.build("a");
  expect(view.root.id).toBe("a");
  expect(Object.fromEntries(view.nodes.map((n) => [n.id, n.depth]))).toEqual({ a: 0, b: 1, c: 1 });
  const ab = view.edges.find((e) => e.id === "BUILDS_ON:a->b")!;
  expect(ab.evidence!.map((e) => e.paper)).toEqual(["p1", "p3"]);
  expect(view.edges.some((e) => e.target === "zzz")).toBe(false);
  expect(() => g.build("nope")).toThrow(/not among its nodes/);
});

test("GraphBuilder without evidence: every edge's evidence is null (not read), not an empty list", () => {
  const view = new GraphBuilder(false)
    .node({ id: "a", name: "A", kind: "Technique" }, 0)
    .node({ id: "b", name: "B", kind: "Technique" }, 1)
    .edge({ source: "b", target: "a", type: "BUILDS_ON", evidence: { paper: "p1", sentence: "s", rule: null, confidence: null } })
    .build("a");
  expect(view.edges.map((e) => [e.id, e.evidence])).toEqual([["BUILDS_ON:b->a", null]]);
});

test.each([
  ["BUILDS_ON:technique:flashattention2->technique:flashattention", { type: "BUILDS_ON", source: "technique:flashattention2", target: "technique:flashattention" }],
  ["EVALUATED_ON:p_12ab->hardware:a100", { type: "EVALUATED_ON", source: "p_12ab", target: "hardware:a100" }],
  ["CITES:p_1->p_2", { type: "CITES", source: "p_1", target: "p_2" }],
  ["MENTIONS:p_1->technique:x", null],
  ["BUILDS_ON:a->b->c", null],
  ["BUILDS_ON:a->", null],
  ["no colon", null],
  ["", null],
])("parseEdgeId(%p)", (id, expected) => {
  const parsed = parseEdgeId(id);
  expect(parsed === null ? null : { type: parsed.type, source: parsed.source, target: parsed.target }).toEqual(expected);
});
