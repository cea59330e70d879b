// Topics: communities of papers (Louvain over a paper similarity graph), named by what is frequent
// inside a community and rare outside it. Pure and deterministic: same input, same topics.
//
// Papers are linked by three kinds of evidence, summed into one weight:
//   - named entities they share (weighted by idf, so "GPU" links little and "SnapKV" a lot),
//   - lineage: a paper whose technique BUILDS_ON an entity another paper introduces,
//   - vocabulary: cosine of tf-idf phrase vectors of title + abstract.
// Entity overlap alone is too sparse on abstracts (most entities appear in one paper), hence text.
// Each paper keeps only its strongest links (k nearest), which makes the communities sharper.
import Graph from "graphology";
import louvain from "graphology-communities-louvain";
import { cosine, phrases, tfidf } from "./text";

export interface TopicPaper {
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
}

export interface TopicMention {
  readonly paper: string;
  readonly entity: string;
  readonly name: string;
  readonly kind: string;
  /** Relationship type: INTRODUCES, USES, COMPARES_TO or EVALUATED_ON. */
  readonly type: string;
}

export interface TopicLineageEdge {
  /** The entity that builds on `to`. */
  readonly from: string;
  readonly to: string;
  /** The paper that states it. */
  readonly paper: string;
}

export interface TopicInput {
  readonly papers: readonly TopicPaper[];
  readonly mentions: readonly TopicMention[];
  readonly lineage: readonly TopicLineageEdge[];
}

export interface TopicOptions {
  readonly seed: number;
  /** Nearest neighbours each paper keeps. */
  readonly k: number;
  readonly resolution: number;
  /** Communities smaller than this are folded into their best-connected neighbour. */
  readonly minSize: number;
  /** A paper is also ABOUT a second topic when its affinity to it is at least this share. */
  readonly secondaryShare: number;
}

export const DEFAULT_TOPIC_OPTIONS: TopicOptions = Object.freeze({ seed: 42, k: 4, resolution: 2.5, minSize: 3, secondaryShare: 0.3 });

export interface Topic {
  readonly id: string;
  readonly name: string;
  /** Papers whose main topic this is. */
  readonly size: number;
  /** Most characteristic entities, best first. */
  readonly entities: readonly string[];
  /** Most characteristic phrases of the topic's titles and abstracts, best first. */
  readonly terms: readonly string[];
  /** Paper ids with their affinity in (0, 1]; the main topic of a paper has the largest. */
  readonly papers: readonly { readonly paper: string; readonly weight: number }[];
  /** Entities (not hardware) whose mentions fall mostly in this topic, with that share. */
  readonly members: readonly { readonly entity: string; readonly weight: number }[];
}

const TYPE_WEIGHT: Readonly<Record<string, number>> = { INTRODUCES: 1, USES: 0.8, COMPARES_TO: 0.6, EVALUATED_ON: 0.3 };

export function detectTopics(input: TopicInput, opts: TopicOptions = DEFAULT_TOPIC_OPTIONS): Topic[] {
  const papers = [...input.papers].sort((a, b) => cmp(a.id, b.id));
  if (papers.length === 0) return [];
  const index = new Map(papers.map((p, i) => [p.id, i]));
  // Neo4j returns rows in storage order, which differs between two ingests of the same input
  // (after a crash and resume, say); sorting makes topics a function of the graph alone.
  const mentions = input.mentions
    .filter((m) => index.has(m.paper))
    .sort((a, b) => cmp(a.paper, b.paper) || cmp(a.entity, b.entity) || cmp(a.type, b.type) || cmp(a.name, b.name));
  const lineage = [...input.lineage].sort((a, b) => cmp(a.paper, b.paper) || cmp(a.from, b.from) || cmp(a.to, b.to));

  const sim = similarity(papers, index, mentions, lineage);
  const graph = knnGraph(papers, sim, opts.k);
  const community = communities(graph, papers, opts);
  const groups = foldSmall(groupBy(papers, community), sim, opts.minSize);

  return nameTopics(papers, index, groups, sim, mentions, opts);
}

/** Sparse pairwise similarity: only pairs that share a phrase, an entity or a lineage link get a weight. */
type Sim = Map<number, number>[];

/** Phrases and entities in more papers than this link no pair (see similarity). */
const MAX_LINKING_DF = 150;

function similarity(papers: readonly TopicPaper[], index: ReadonlyMap<string, number>, mentions: readonly TopicMention[], lineage: readonly TopicLineageEdge[]): Sim {
  const n = papers.length;
  const sim: Sim = papers.map(() => new Map<number, number>());
  const add = (i: number, j: number, w: number) => {
    if (i === j) return;
    sim[i]!.set(j, (sim[i]!.get(j) ?? 0) + w);
    sim[j]!.set(i, (sim[j]!.get(i) ?? 0) + w);
  };

  // Cosine through an inverted index: each phrase contributes to the pairs of documents holding it.
  const { vectors } = tfidf(papers.map((p) => `${p.title}. ${p.title}. ${p.abstract}`));
  const postings = new Map<string, [number, number][]>();
  vectors.forEach((v, i) => {
    for (const [t, w] of v) {
      const list = postings.get(t);
      if (list) list.push([i, w]);
      else postings.set(t, [[i, w]]);
    }
  });
  for (const list of postings.values()) {
    // A phrase shared by hundreds of papers says little about any pair, and its pairs grow with the
    // square of its frequency: at arXiv scale those lists would dominate time and memory.
    if (list.length > MAX_LINKING_DF) continue;
    for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) add(list[a]![0], list[b]![0], list[a]![1] * list[b]![1]);
  }

  const byEntity = new Map<string, Map<number, number>>();
  for (const m of mentions) {
    const i = index.get(m.paper)!;
    const w = (TYPE_WEIGHT[m.type] ?? 0.5) * (m.kind === "Hardware" ? 0.3 : 1);
    const e = byEntity.get(m.entity) ?? new Map<number, number>();
    e.set(i, Math.max(e.get(i) ?? 0, w));
    byEntity.set(m.entity, e);
  }
  for (const ps of byEntity.values()) {
    // An entity in a quarter of all papers (GPU) links nothing in particular.
    if (ps.size < 2 || ps.size > Math.max(2, n / 4) || ps.size > MAX_LINKING_DF) continue;
    const idf = Math.log(n / ps.size) / Math.log(n);
    const list = [...ps];
    for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) add(list[a]![0], list[b]![0], 0.3 * idf * list[a]![1] * list[b]![1]);
  }

  const introducedBy = new Map<string, number[]>();
  for (const m of mentions) {
    if (m.type !== "INTRODUCES") continue;
    const list = introducedBy.get(m.entity);
    if (list) list.push(index.get(m.paper)!);
    else introducedBy.set(m.entity, [index.get(m.paper)!]);
  }
  for (const l of lineage) {
    const i = index.get(l.paper);
    if (i === undefined) continue;
    for (const j of introducedBy.get(l.to) ?? []) add(i, j, 0.25);
  }
  return sim;
}

function knnGraph(papers: readonly TopicPaper[], sim: Sim, k: number): Graph {
  const graph = new Graph({ type: "undirected" });
  for (const p of papers) graph.addNode(p.id);
  papers.forEach((p, i) => {
    const best = [...sim[i]!].filter(([, w]) => w > 0.02).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k);
    for (const [j, w] of best) {
      const q = papers[j]!;
      if (!graph.hasEdge(p.id, q.id)) graph.addEdge(p.id, q.id, { weight: w });
    }
  });
  return graph;
}

function communities(graph: Graph, papers: readonly TopicPaper[], opts: TopicOptions): Map<string, number> {
  if (graph.size === 0) return new Map(papers.map((p, i) => [p.id, i]));
  const found = louvain(graph, { getEdgeWeight: "weight", resolution: opts.resolution, rng: mulberry32(opts.seed) });
  return new Map(papers.map((p) => [p.id, found[p.id] ?? -1]));
}

function groupBy(papers: readonly TopicPaper[], community: ReadonlyMap<string, number>): number[][] {
  const groups = new Map<number, number[]>();
  papers.forEach((p, i) => {
    const c = community.get(p.id) ?? -1;
    groups.set(c, [...(groups.get(c) ?? []), i]);
  });
  return [...groups.values()];
}

/** Folds communities below minSize, smallest first, into the community they are most similar to. */
function foldSmall(groups: number[][], sim: Sim, minSize: number): number[][] {
  const live = groups.map((g) => [...g]);
  for (;;) {
    live.sort((a, b) => a.length - b.length || a[0]! - b[0]!);
    const small = live[0];
    if (!small || small.length >= minSize || live.length < 2) break;
    let best = 1;
    let bestScore = -1;
    for (let c = 1; c < live.length; c++) {
      const score = affinity(small, live[c]!, sim);
      if (score > bestScore) [best, bestScore] = [c, score];
    }
    live[best]!.push(...small);
    live.shift();
  }
  return live.map((g) => g.sort((a, b) => a - b)).sort((a, b) => b.length - a.length || a[0]! - b[0]!);
}

function affinity(members: readonly number[], group: readonly number[], sim: Sim): number {
  let s = 0;
  for (const i of members) for (const j of group) if (i !== j) s += sim[i]!.get(j) ?? 0;
  return s / (members.length * Math.max(1, group.length)) ** 0.5;
}

function nameTopics(
  papers: readonly TopicPaper[],
  index: ReadonlyMap<string, number>,
  groups: readonly number[][],
  sim: Sim,
  mentions: readonly TopicMention[],
  opts: TopicOptions,
): Topic[] {
  const n = papers.length;
  const main = new Int32Array(n);
  groups.forEach((g, c) => g.forEach((i) => (main[i] = c)));

  // Phrase and entity document frequencies, overall and per topic.
  // Title phrases count twice: titles say what a paper is about, abstracts also say how.
  const paperPhrases = papers.map((p) => new Map([...phrases(p.abstract).map((t) => [t, 1] as const), ...phrases(p.title).map((t) => [t, 2] as const)]));
  const entityName = new Map<string, string>();
  const paperEntities = papers.map(() => new Set<string>());
  for (const m of mentions) {
    if (m.kind === "Hardware") continue;
    paperEntities[index.get(m.paper)!]!.add(m.entity);
    entityName.set(m.entity, m.name);
  }
  // Each paper's affinity to each topic (the summed similarity to its papers), read off the paper's
  // similarity row once: linear in the links, where summing per (paper, topic) pair was quadratic.
  const affinity = papers.map((_, i) => {
    const a = new Float64Array(groups.length);
    for (const [j, w] of sim[i]!) if (j !== i) a[main[j]!]! += w;
    return a;
  });
  const totals = affinity.map((a) => a.reduce((s, w) => s + w, 0) || 1);
  const entityCounts = paperEntities.map(asCounts);
  const [phraseTotals, entityTotals] = [totalsOf(paperPhrases), totalsOf(entityCounts)];
  const used = new Set<string>();
  const topics = groups.map((g, c) => {
    const terms = characteristic(g, paperPhrases, 2, phraseTotals).filter((t) => t.length > 3 && !t.split(" ").some((w) => VAGUE.has(w)));
    const entities = characteristic(g, entityCounts, 2, entityTotals).map((e) => entityName.get(e)!);
    const name = uniqueName(topicName(terms, entities), used);
    const shares = papers.map((_, i) => ({ i, share: affinity[i]![c]! / totals[i]! }));
    const memberPapers = shares
      .filter(({ i, share }) => main[i] === c || share >= opts.secondaryShare)
      .map(({ i, share }) => ({ paper: papers[i]!.id, weight: main[i] === c ? Math.max(round(share), 0.01) : round(share) }))
      .sort((a, b) => b.weight - a.weight || cmp(a.paper, b.paper));
    return { id: `topic:${slug(name)}`, name, size: g.length, entities: entities.slice(0, 6), terms: terms.slice(0, 8), papers: memberPapers, members: [] as { entity: string; weight: number }[] };
  });

  // An entity belongs to the topic holding most of its (typed, weighted) mentions.
  const share = new Map<string, number[]>();
  for (const m of mentions) {
    if (m.kind === "Hardware") continue;
    const s = share.get(m.entity) ?? new Array<number>(groups.length).fill(0);
    s[main[index.get(m.paper)!]!]! += TYPE_WEIGHT[m.type] ?? 0.5;
    share.set(m.entity, s);
  }
  for (const [entity, s] of [...share].sort((a, b) => cmp(a[0], b[0]))) {
    const total = s.reduce((a, b) => a + b, 0);
    const best = s.indexOf(Math.max(...s));
    topics[best]!.members.push({ entity, weight: round(s[best]! / total) });
  }
  return topics;
}

/**
 * Items (phrases or entities) of a group ranked by how characteristic they are: the share of the
 * group's papers holding them times how rare they are elsewhere (a smoothed log-odds, tf-idf-like).
 */
export function characteristic(
  group: readonly number[],
  items: readonly ReadonlyMap<string, number>[],
  minCount: number,
  all: ReadonlyMap<string, number> = totalsOf(items),
): string[] {
  const inside = new Map<string, number>();
  for (const i of group) for (const [t, w] of items[i]!) inside.set(t, (inside.get(t) ?? 0) + w);
  const n = items.length;
  const scored = [...inside]
    .filter(([, c]) => c >= Math.min(minCount, group.length))
    .map(([t, c]) => {
      const outside = all.get(t)! - c;
      const score = (c / group.length) * Math.log((n - group.length + 1) / (outside + 1) + 1) * (t.includes(" ") ? 1.3 : 1);
      return { t, score };
    })
    .sort((a, b) => b.score - a.score || cmp(a.t, b.t));
  // Drop a unigram when a better bigram already contains it ("cache" after "kv cache").
  const out: string[] = [];
  const outWords: string[][] = [];
  for (const { t } of scored) {
    const words = t.split(" ");
    if (outWords.some((o) => o.includes(t) || words.every((w) => o.includes(w)))) continue;
    out.push(t);
    outWords.push(words);
  }
  return out;
}

/** Summed weight of every item over all papers (the "everywhere" side of characteristic). */
export function totalsOf(items: readonly ReadonlyMap<string, number>[]): Map<string, number> {
  const all = new Map<string, number>();
  for (const m of items) for (const [t, w] of m) all.set(t, (all.get(t) ?? 0) + w);
  return all;
}

/** "speculative decoding, kv cache (SpecInfer)": two phrases, plus the lead entity unless a phrase already names it. */
export function topicName(terms: readonly string[], entities: readonly string[]): string {
  const parts: string[] = [];
  for (const t of terms) {
    if (parts.length === 2) break;
    if (!parts.some((p) => p.split(" ").some((w) => t.split(" ").includes(w)))) parts.push(t);
  }
  const lead = entities[0];
  if (!parts.length) return lead ?? "miscellaneous";
  const key = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  const named = lead !== undefined && parts.some((p) => key(p).includes(key(lead)) || key(lead).includes(key(p)));
  return lead && !named ? `${parts.join(", ")} (${lead})` : parts.join(", ");
}

function asCounts(set: ReadonlySet<string>): ReadonlyMap<string, number> {
  return new Map([...set].map((t) => [t, 1]));
}

/** Words that are characteristic of a writing style rather than a subject; never used in names. */
const VAGUE = new Set(
  ("unprecedented becoming leverage leverages textual response content alone volume observations quality steps useful important " +
    "role real progress wide variety current widely-used commendable landscape landscapes demanding requirements evidence original " +
    "relying performing in-depth latent typically accurate random computational costs additional find relative capacity corpora " +
    "development primarily comprehensive enhance including fail suffer prior research embarrassingly simple unfortunately").split(" "),
);

function uniqueName(name: string, used: Set<string>): string {
  let out = name;
  for (let k = 2; used.has(slug(out)); k++) out = `${name} ${k}`;
  used.add(slug(out));
  return out;
}

export function slug(name: string): string {
  return name.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "");
}

/** A small seeded PRNG (mulberry32): Louvain's random walk order becomes reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
