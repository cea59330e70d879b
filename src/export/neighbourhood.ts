// The graph around one entity or paper, as nodes and edges ready to draw or export: shared by the
// explorer's GraphQL field (src/api/resolvers-visual.ts) and `techtree export --root`.
import { nameKey } from "../domain";
import type { Db } from "../graph/db";

/** Evidence of an edge, as the read statements return it (src/api/model.ts EdgeRecord adds a claim). */
export interface EvidenceRow {
  paper: string;
  sentence: string;
  rule: string | null;
  confidence: number | null;
  field?: string | null;
  start?: number | null;
  end?: number | null;
}

export interface GraphNodeRecord {
  id: string;
  label: string;
  kind: string;
  depth: number | null;
  topicId: string | null;
}

export interface GraphEdgeRecord {
  id: string;
  source: string;
  target: string;
  type: string;
  evidence: EvidenceRow[];
}

export interface NeighbourhoodRecord {
  root: GraphNodeRecord;
  nodes: GraphNodeRecord[];
  edges: GraphEdgeRecord[];
}

/** A node as the neighbourhood statements return it: an entity ({name, kind}) or a paper ({title}). */
export interface NodeRow {
  id: string;
  name?: string | null;
  title?: string | null;
  kind?: string | null;
  topic?: string | null;
}

export interface EdgeRow {
  source: string;
  target: string;
  type?: string;
  evidence?: EvidenceRow | null;
}

interface LineageRow {
  nodes: NodeRow[];
  hops: { source: string; target: string; evidence: EvidenceRow }[];
}

interface PaperContextRow {
  paper: NodeRow;
  edges: EdgeRow[];
  context: (EdgeRow & { node: NodeRow | null })[];
}

export interface PaperViewRow {
  paper: NodeRow;
  facts: (EdgeRow & { node: NodeRow | null })[];
  lineage: (EdgeRow & { from: NodeRow | null; to: NodeRow | null })[];
  cites: (EdgeRow & { node: NodeRow | null })[];
}

export const MAX_NEIGHBOURHOOD_DEPTH = 4;

export interface NeighbourhoodQuery {
  /** Entity id, or paper id (p_...). */
  readonly id?: string | null;
  /** Entity name or alias, any kind. */
  readonly name?: string | null;
  /** Builds-on hops up and down from an entity, 1..MAX_NEIGHBOURHOOD_DEPTH. */
  readonly depth: number;
}

/** Null when no entity or paper matches. Throws RangeError on a depth outside 1..4. */
export async function fetchNeighbourhood(db: Db, q: NeighbourhoodQuery, timeoutMs?: number): Promise<NeighbourhoodRecord | null> {
  if (!Number.isInteger(q.depth) || q.depth < 1 || q.depth > MAX_NEIGHBOURHOOD_DEPTH) throw new RangeError(`depth ${q.depth} is not in 1..${MAX_NEIGHBOURHOOD_DEPTH}`);
  if (q.id && q.id.startsWith("p_")) {
    const [row] = await db.read<PaperViewRow>("read/neighbourhood-paper", { id: q.id }, timeoutMs);
    return row ? paperView(row) : null;
  }
  const [found] = await db.read<{ entity: NodeRow }>("read/neighbourhood-root", { id: q.id ?? null, key: q.name ? nameKey(q.name) : null }, timeoutMs);
  if (!found) return null;
  const id = found.entity.id;
  const [up, down] = await Promise.all([
    db.readWithDepth<LineageRow>("read/neighbourhood-lineage-up", q.depth, { id }, timeoutMs),
    db.readWithDepth<LineageRow>("read/neighbourhood-lineage-down", q.depth, { id }, timeoutMs),
  ]);
  const graph = new GraphBuilder().node(found.entity, 0);
  for (const row of up) graph.lineage(row, false);
  for (const row of down) graph.lineage(row, true);
  const papers = await db.read<PaperContextRow>("read/neighbourhood-papers", { ids: graph.entityIds() }, timeoutMs);
  for (const p of papers) graph.papers(p);
  return graph.build(id);
}

export function paperView(row: PaperViewRow): NeighbourhoodRecord {
  const graph = new GraphBuilder().node({ ...row.paper, kind: "Paper" }, null);
  for (const f of row.facts) if (f.node) graph.node(f.node, null).edge(f);
  for (const l of row.lineage) if (l.from && l.to) graph.node(l.from, null).node(l.to, null).edge({ ...l, type: "BUILDS_ON" });
  for (const c of row.cites) if (c.node) graph.node({ ...c.node, kind: "Paper" }, null).edge({ source: c.source, target: c.target, type: "CITES" });
  return graph.build(row.paper.id);
}

/** Accumulates nodes and edges from statement rows: nodes keep their smallest depth, parallel edges merge their evidence. */
export class GraphBuilder {
  private readonly nodes = new Map<string, GraphNodeRecord>();
  private readonly edges = new Map<string, GraphEdgeRecord>();

  node(row: NodeRow, depth: number | null): this {
    const old = this.nodes.get(row.id);
    if (!old) {
      const kind = row.kind ?? (row.title ? "Paper" : "Entity");
      this.nodes.set(row.id, { id: row.id, label: row.name ?? row.title ?? row.id, kind, depth, topicId: row.topic ?? null });
    } else if (depth !== null && (old.depth === null || depth < old.depth)) {
      old.depth = depth;
    }
    return this;
  }

  edge(row: EdgeRow): this {
    const type = row.type ?? "RELATED";
    const id = `${type}:${row.source}->${row.target}`;
    const edge = this.edges.get(id) ?? { id, source: row.source, target: row.target, type, evidence: [] };
    const ev = row.evidence;
    if (ev?.sentence && !edge.evidence.some((e) => e.paper === ev.paper && e.start === ev.start && e.field === ev.field)) edge.evidence.push(ev);
    this.edges.set(id, edge);
    return this;
  }

  /** One builds-on path that starts (or, when endsAtRoot, ends) at the root: its i-th node is i hops away. */
  lineage(row: LineageRow, endsAtRoot: boolean): this {
    const last = row.nodes.length - 1;
    row.nodes.forEach((n, i) => this.node(n, endsAtRoot ? last - i : i));
    for (const h of row.hops) this.edge({ ...h, type: "BUILDS_ON" });
    return this;
  }

  papers(row: PaperContextRow): this {
    this.node({ ...row.paper, kind: "Paper" }, null);
    for (const e of row.edges) this.edge(e);
    for (const c of row.context) if (c.node && c.type) this.node(c.node, null).edge(c);
    return this;
  }

  entityIds(): string[] {
    return [...this.nodes.values()].filter((n) => n.kind !== "Paper").map((n) => n.id).sort();
  }

  build(rootId: string): NeighbourhoodRecord {
    const root = this.nodes.get(rootId);
    if (!root) throw new Error(`neighbourhood root ${rootId} is not among its nodes`);
    const edges = [...this.edges.values()].filter((e) => this.nodes.has(e.source) && this.nodes.has(e.target));
    for (const e of edges) e.evidence.sort((a, b) => a.paper.localeCompare(b.paper) || (a.start ?? 0) - (b.start ?? 0));
    const nodes = [...this.nodes.values()].sort((a, b) => (a.depth ?? 99) - (b.depth ?? 99) || a.id.localeCompare(b.id));
    return { root, nodes, edges: edges.sort((a, b) => a.id.localeCompare(b.id)) };
  }
}
