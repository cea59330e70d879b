// The graph around one entity or paper, as nodes and edges ready to draw or export: shared by the
// explorer's GraphQL field (src/api/resolvers-visual.ts, through the API's Reader) and
// `techtree export --root`. Every part is bounded: the lineage is the breadth-first walk of
// src/graph/lineage.ts (the nearest MAX_LINEAGE entities each way), and each entity contributes at
// most a few papers, so a hub (GPU, which most papers run on) costs what any other entity does.
// The explorer's first view is light: its papers are bounded (FIRST_VIEW_PAPERS unless asked for
// more) and its edges carry no sentences; the API reads an edge's evidence when a user opens it
// (read/graph-edges), and export, which writes the sentences out, reads them with the view.
import { isPaperId, nameLookup, nameLookups, PAPER_EDGE_TYPES } from "../domain";
import type { Params } from "../graph/db";
import type { HopDetail, KeyedEntity, LevelRow, LineageHit, LineageWalk } from "../graph/lineage";
import type { StatementName } from "../graph/statements";

/** Evidence of an edge, as the read statements return it (src/api/model.ts EdgeRecord adds a claim). */
export interface EvidenceRow {
  paper: string;
  sentence: string;
  rule: string | null;
  confidence: number | null;
  field?: string | null;
  start?: number | null;
  end?: number | null;
  /** The fact's public name (src/domain/curation.ts). */
  factId?: string | null;
  confirmed?: boolean | null;
  /** A comparison's claim against the entity ("up to 2.3x higher effective throughput"). */
  claim?: string | null;
  /** The paper's id, title and listing date, when the statement read them (read/graph-edges). */
  paperBrief?: { id: string; title: string; listingDate: string | null } | null;
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
  /** Every sentence stating the edge; null when the view was read without them (see parseEdgeId). */
  evidence: EvidenceRow[] | null;
}

export interface NeighbourhoodRecord {
  root: GraphNodeRecord;
  nodes: GraphNodeRecord[];
  edges: GraphEdgeRecord[];
  /** The id and name of every topic of the nodes, when the view was read with them (NeighbourhoodQuery.topics). */
  topics?: TopicBrief[];
}

/** What a node shows of its topic. */
export interface TopicBrief {
  id: string;
  name: string;
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

/** What the neighbourhood reads through: the API's Reader (timeouts, circuit breaker) or a plain Db adapter. */
export interface NeighbourhoodReader {
  read<T>(name: StatementName, params?: Params): Promise<T[]>;
  lineage<E extends KeyedEntity, V>(
    direction: LineageWalk, ids: readonly string[], maxDepth: number, first: number, evidence?: HopDetail, minConfidence?: number,
    starts?: ReadonlyMap<string, readonly LevelRow<E, V>[]>,
  ): Promise<LineageHit<E, V>[]>;
}

/** A lineage hop's evidence as the walk returns it: which edge (source builds on target) and why. */
type HopEvidence = Partial<EvidenceRow> & { source: string; target: string };
type LineageEntity = KeyedEntity & NodeRow;

/** The one row of read/neighbourhood-root-level: the centre, and the first level of its walks up and down. */
interface RootRow {
  entity: NodeRow;
  level: LevelRow<LineageEntity, HopEvidence>[];
}

/**
 * The one row of read/neighbourhood-papers: the papers, the entities their context reaches, and the
 * topic names when asked for; every record in it is a list (the statement's header says why).
 */
interface PapersRow {
  papers: PaperContextRow[];
  /** Each entity a context edge reaches, once, unless it is one of the entities asked about. */
  nodes: [id: string, name: string | null, kind: string | null, topic: string | null][];
  topics: [id: string, name: string][] | null;
}

/** A paper of read/neighbourhood-papers: its edges into the view's entities, and what it compares against and runs on. */
type PaperContextRow = [
  id: string, title: string | null, topic: string | null,
  /** Each from the paper. */
  edges: PaperEdgeRow[],
  /** Each from the paper to an entity of the view or of PapersRow.nodes. */
  context: PaperEdgeRow[],
];

/** An edge from a paper: its far end, its type, and its evidence when the view reads sentences. */
type PaperEdgeRow = [target: string, type: string, evidence: EvidenceRow | null];

export interface PaperViewRow {
  paper: NodeRow;
  facts: (EdgeRow & { node: NodeRow | null })[];
  lineage: (EdgeRow & { from: NodeRow | null; to: NodeRow | null })[];
  cites: (EdgeRow & { node: NodeRow | null })[];
}

export const MAX_NEIGHBOURHOOD_DEPTH = 4;
/** Entities the lineage walk reaches in each direction, nearest first (a first view stays readable; expand for more). */
export const MAX_LINEAGE = 30;
/** Papers read per entity (those introducing it first). */
export const PAPERS_PER_ENTITY = 4;
/** Papers in a first view (those introducing one of its entities first), and the most a caller may ask for. */
export const FIRST_VIEW_PAPERS = 40;
export const MAX_PAPERS = 120;

export interface NeighbourhoodQuery {
  /** Entity id, or paper id (p_..., or x_... for a stub). */
  readonly id?: string | null;
  /** Entity name or alias, any kind. */
  readonly name?: string | null;
  /** Builds-on hops up and down from an entity, 1..MAX_NEIGHBOURHOOD_DEPTH. */
  readonly depth: number;
  /** Papers around an entity, 1..MAX_PAPERS (default FIRST_VIEW_PAPERS). */
  readonly papers?: number;
  /** Read every edge's evidence sentences with the view (export, and cutting a view to what is new); else edges carry null. */
  readonly evidence?: boolean;
  /** Read the id and name of every node's topic with an entity's view (NeighbourhoodRecord.topics). */
  readonly topics?: boolean;
}

/** Null when no entity or paper matches. Throws RangeError on a depth outside 1..4 or papers outside 1..MAX_PAPERS. */
export async function fetchNeighbourhood(reader: NeighbourhoodReader, q: NeighbourhoodQuery): Promise<NeighbourhoodRecord | null> {
  if (!Number.isInteger(q.depth) || q.depth < 1 || q.depth > MAX_NEIGHBOURHOOD_DEPTH) throw new RangeError(`depth ${q.depth} is not in 1..${MAX_NEIGHBOURHOOD_DEPTH}`);
  const max = q.papers ?? FIRST_VIEW_PAPERS;
  if (!Number.isInteger(max) || max < 1 || max > MAX_PAPERS) throw new RangeError(`papers ${max} is not in 1..${MAX_PAPERS}`);
  const evidence = q.evidence ?? false;
  if (q.id && isPaperId(q.id)) {
    const [row] = await reader.read<PaperViewRow>("read/neighbourhood-paper", { id: q.id });
    return row ? paperView(row) : null;
  }
  const hops: HopDetail = evidence ? true : "ends";
  // The centre comes with the first level of its walk both ways; the walk steps on from there.
  // A name is looked up as every name look-up is (nameLookups): its key, then its singular ("A100s"
  // -> A100), then, as it may name a chip written with its maker or memory size ("NVIDIA H100"), that
  // chip, as hardware(name) reads it. With an id the name is its own look-up only.
  const root = async (lookup: { key: string | null; singular: string | null }) => (await reader.read<RootRow>("read/neighbourhood-root-level", {
    id: q.id ?? null, key: lookup.key, singular: lookup.singular, first: MAX_LINEAGE, evidence: hops === true, ends: hops === "ends", minConfidence: 0,
  }))[0];
  const lookups = !q.name ? [{ key: null, singular: null }] : q.id ? [nameLookup(q.name)] : nameLookups(q.name);
  let found: RootRow | undefined;
  for (const lookup of lookups) {
    found = await root(lookup);
    if (found) break;
  }
  if (!found) return null;
  const id = found.entity.id;
  // Both directions walk in the same statements: one per level, not one per level and direction.
  const hits = await reader.lineage<LineageEntity, HopEvidence>("both", [id], q.depth, MAX_LINEAGE, hops, 0, new Map([[id, found.level]]));
  const graph = new GraphBuilder(evidence).node(found.entity, 0);
  for (const hit of hits) {
    graph.node(hit.entity, hit.depth);
    for (const ev of hit.evidence) graph.edge({ source: ev.source, target: ev.target, type: "BUILDS_ON", evidence: evidenceOf(ev) });
  }
  const [row] = await reader.read<PapersRow>("read/neighbourhood-papers", {
    ids: graph.entityIds(), perEntity: PAPERS_PER_ENTITY, max, evidence, topics: q.topics ? graph.topicIds() : null,
  });
  for (const [nodeId, name, kind, topic] of row?.nodes ?? []) graph.add(nodeId, name ?? nodeId, kind ?? "Entity", null, topic);
  for (const p of row?.papers ?? []) graph.papers(p);
  const view = graph.build(id);
  // Without $topics the statement still answers an (empty) list: only a view read with them has them.
  return q.topics && row?.topics ? { ...view, topics: row.topics.map(([topicId, name]) => ({ id: topicId, name })) } : view;
}

/** A hop's evidence without its ends; null for a hop read with its ends only. */
function evidenceOf(ev: HopEvidence): EvidenceRow | null {
  const { source: _s, target: _t, ...rest } = ev;
  return rest.paper !== undefined && rest.sentence !== undefined ? (rest as EvidenceRow) : null;
}

/** GraphEdge types: what an edge id may name. */
export const EDGE_TYPES = ["BUILDS_ON", ...PAPER_EDGE_TYPES, "CITES"] as const;
export type EdgeType = (typeof EDGE_TYPES)[number];

/** An edge id (`TYPE:source->target`, as GraphBuilder makes them) split up; null when it is not one. */
export function parseEdgeId(id: string): { id: string; type: EdgeType; source: string; target: string } | null {
  const colon = id.indexOf(":");
  const type = id.slice(0, colon);
  const [source, target, ...rest] = id.slice(colon + 1).split("->");
  if (colon < 1 || rest.length > 0 || !source || !target || !(EDGE_TYPES as readonly string[]).includes(type)) return null;
  return { id, type: type as EdgeType, source, target };
}

export function paperView(row: PaperViewRow): NeighbourhoodRecord {
  // A paper's view is its own few facts: their sentences come with it.
  const graph = new GraphBuilder(true).node({ ...row.paper, kind: "Paper" }, null);
  for (const f of row.facts) if (f.node) graph.node(f.node, null).edge(f);
  for (const l of row.lineage) if (l.from && l.to) graph.node(l.from, null).node(l.to, null).edge({ ...l, type: "BUILDS_ON" });
  for (const c of row.cites) if (c.node) graph.node({ ...c.node, kind: "Paper" }, null).edge({ source: c.source, target: c.target, type: "CITES" });
  return graph.build(row.paper.id);
}

/**
 * Accumulates nodes and edges from statement rows: nodes keep their smallest depth, parallel edges
 * merge their evidence. Built without evidence, every edge's evidence is null (not read), not [].
 */
export class GraphBuilder {
  private readonly nodes = new Map<string, GraphNodeRecord>();
  private readonly edges = new Map<string, GraphEdgeRecord>();

  constructor(private readonly withEvidence = true) {}

  node(row: NodeRow, depth: number | null): this {
    return this.add(row.id, row.name ?? row.title ?? row.id, row.kind ?? (row.title ? "Paper" : "Entity"), depth, row.topic ?? null);
  }

  /** A node by its parts (node() reads them from a row); a node seen before keeps its label and takes the smaller depth. */
  add(id: string, label: string, kind: string, depth: number | null, topicId: string | null): this {
    const old = this.nodes.get(id);
    if (!old) {
      this.nodes.set(id, { id, label, kind, depth, topicId });
    } else if (depth !== null && (old.depth === null || depth < old.depth)) {
      old.depth = depth;
    }
    return this;
  }

  edge(row: EdgeRow): this {
    const type = row.type ?? "RELATED";
    const id = `${type}:${row.source}->${row.target}`;
    const edge = this.edges.get(id) ?? { id, source: row.source, target: row.target, type, evidence: this.withEvidence ? [] : null };
    const ev = row.evidence;
    if (edge.evidence && ev?.sentence && !edge.evidence.some((e) => e.paper === ev.paper && e.start === ev.start && e.field === ev.field)) edge.evidence.push(ev);
    this.edges.set(id, edge);
    return this;
  }

  papers([source, title, topic, edges, context]: PaperContextRow): this {
    this.add(source, title ?? source, "Paper", null, topic);
    for (const [target, type, evidence] of edges) this.edge({ source, target, type, evidence });
    for (const [target, type, evidence] of context) this.edge({ source, target, type, evidence });
    return this;
  }

  /** The topics of the nodes so far. */
  topicIds(): string[] {
    return [...new Set([...this.nodes.values()].map((n) => n.topicId).filter((t): t is string => t !== null))].sort();
  }

  entityIds(): string[] {
    return [...this.nodes.values()].filter((n) => n.kind !== "Paper").map((n) => n.id).sort();
  }

  build(rootId: string): NeighbourhoodRecord {
    const root = this.nodes.get(rootId);
    if (!root) throw new Error(`neighbourhood root ${rootId} is not among its nodes`);
    const edges = [...this.edges.values()].filter((e) => this.nodes.has(e.source) && this.nodes.has(e.target));
    for (const e of edges) e.evidence?.sort((a, b) => a.paper.localeCompare(b.paper) || (a.start ?? 0) - (b.start ?? 0));
    const nodes = [...this.nodes.values()].sort((a, b) => (a.depth ?? 99) - (b.depth ?? 99) || a.id.localeCompare(b.id));
    return { root, nodes, edges: edges.sort((a, b) => a.id.localeCompare(b.id)) };
  }
}
