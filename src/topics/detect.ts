// Topics: communities of papers, named by what is frequent inside a community and rare outside it.
// Pure and deterministic: same input, same topics.
//
//   1. Each paper is a sparse vector (./corpus): its strongest tf-idf phrases plus the entities it
//      mentions, weighted by rarity and role; a dot product is the similarity of two papers.
//   2. Each paper keeps its k most similar papers. Candidates come from the papers sharing one of
//      its SEED_FEATURES strongest features, at most CANDIDATES_PER_FEATURE per feature, so the cost
//      grows with the number of papers, not with its square (a phrase in 5,000 papers offers 20).
//   3. Louvain (./communities) splits that k-nearest-neighbour graph into communities; those
//      smaller than minSize are folded into the community they are most linked to.
//   4. Names, members, each paper's affinity to its topics, each entity's topic specificity (used
//      by trending) and each topic's profile (used to place new papers at ingest) are read off.
import { louvain, csrFromEdges, type CsrGraph } from "./communities";
import { TopicCorpus, TYPE_WEIGHT, type CorpusMention } from "./corpus";

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

/** Everything in memory at once: for tests and small graphs (src/topics/recompute.ts streams instead). */
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
  /** Communities smaller than this are folded into their best-linked neighbour (at least 3; grows with the corpus). */
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

/** A topic's profile: its strongest features ("p:<phrase>", "e:<entity id>") and their mean weights. */
export interface TopicProfile {
  readonly topic: string;
  readonly features: readonly string[];
  readonly weights: readonly number[];
}

export interface TopicResult {
  readonly topics: Topic[];
  /**
   * How much knowing an entity tells about the topic of a paper: the divergence (bits) of the topics of
   * the papers mentioning it from the topic sizes, shrunk towards 0 for entities in few papers. GPU,
   * mentioned across every topic, is near 0; FlashAttention, whose papers share a topic, is high.
   */
  readonly specificity: readonly { readonly entity: string; readonly bits: number }[];
  readonly profiles: readonly TopicProfile[];
}

/** Candidate neighbours a paper takes from each of its features' papers. */
export const CANDIDATES_PER_FEATURE = 20;
/** The strongest features of a paper whose papers are its candidate neighbours. */
export const SEED_FEATURES = 8;
/** Features in a topic profile. */
export const PROFILE_FEATURES = 48;
/** Phrases and entities kept per topic for naming (a name uses two, terms lists eight). */
const NAMING_ITEMS = 24;
/** Pseudo-papers of the topic-size prior that specificity shrinks towards. */
const SPECIFICITY_PRIOR = 2;

/** The minimum topic size for a corpus of n papers: 3, or one in 2,000 papers for big corpora. */
export function minTopicSize(n: number, floor = DEFAULT_TOPIC_OPTIONS.minSize): number {
  return Math.max(floor, Math.round(n / 2000));
}

export function detectTopics(input: TopicInput, opts: TopicOptions = DEFAULT_TOPIC_OPTIONS): Topic[] {
  return buildTopics(corpusOf(input), opts).topics;
}

/** A corpus from in-memory input, papers in id order (as recompute streams them), lineage as BUILDS_ON mentions. */
export function corpusOf(input: TopicInput): TopicCorpus {
  const papers = [...input.papers].sort((a, b) => cmp(a.id, b.id));
  const known = new Set(papers.map((p) => p.id));
  const names = new Map<string, { name: string; kind: string }>();
  const byPaper = new Map<string, { entity: string; type: string }[]>();
  const add = (paper: string, entity: string, type: string) => {
    if (!known.has(paper)) return;
    const list = byPaper.get(paper);
    if (list) list.push({ entity, type });
    else byPaper.set(paper, [{ entity, type }]);
  };
  for (const m of input.mentions) {
    names.set(m.entity, { name: m.name, kind: m.kind });
    add(m.paper, m.entity, m.type);
  }
  for (const l of input.lineage) {
    add(l.paper, l.to, "BUILDS_ON");
    add(l.paper, l.from, "INTRODUCES");
  }
  const df = new Map<string, Set<string>>();
  for (const [paper, list] of byPaper) for (const m of list) df.set(m.entity, (df.get(m.entity) ?? new Set()).add(paper));
  const corpus = new TopicCorpus(papers.length);
  for (const p of papers) {
    const mentions: CorpusMention[] = (byPaper.get(p.id) ?? [])
      .filter((m) => names.has(m.entity))
      .map((m) => ({ entity: m.entity, type: m.type, ...names.get(m.entity)!, df: df.get(m.entity)!.size }));
    corpus.add({ ...p, mentions });
  }
  return corpus.finish();
}

export function buildTopics(corpus: TopicCorpus, opts: TopicOptions = DEFAULT_TOPIC_OPTIONS): TopicResult {
  const n = corpus.size;
  if (n === 0) return { topics: [], specificity: [], profiles: [] };
  const vectors = paperVectors(corpus);
  const graph = knnGraph(vectors, opts.k);
  const found = louvain(graph, { resolution: opts.resolution, random: mulberry32(opts.seed) });
  const groups = foldSmall(found, graph, minTopicSize(n, opts.minSize));
  return describe(corpus, vectors, graph, groups, opts);
}

// ---------------------------------------------------------------------------------------------
// Private: vectors and the k-nearest-neighbour graph.

interface Vectors {
  readonly offsets: Int32Array;
  readonly ids: Int32Array;
  readonly weights: Float32Array;
  /** Papers holding each feature, ascending (CSR by feature). */
  readonly postingOffsets: Int32Array;
  readonly postings: Int32Array;
  readonly features: number;
}

function paperVectors(corpus: TopicCorpus): Vectors {
  const n = corpus.size;
  const phraseCount = corpus.phraseCount;
  const features = phraseCount + corpus.entityIds.length;
  const weightOf = (m: ReturnType<TopicCorpus["mentions"]>, k: number) => corpus.entityWeight(corpus.dfOf(m.ids[k]!), m.roles[k]!, m.hardware[k] === 1);
  // Sized first, then filled: typed arrays from the start, never a JS array per feature.
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += corpus.text(i).ids.length;
    const m = corpus.mentions(i);
    for (let k = 0; k < m.ids.length; k++) if (weightOf(m, k) > 0) total++;
  }
  const offsets = new Int32Array(n + 1);
  const idArr = new Int32Array(total);
  const wArr = new Float32Array(total);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const t = corpus.text(i);
    idArr.set(t.ids, at);
    wArr.set(t.weights, at);
    at += t.ids.length;
    const m = corpus.mentions(i);
    for (let k = 0; k < m.ids.length; k++) {
      const w = weightOf(m, k);
      if (w > 0) {
        idArr[at] = phraseCount + m.ids[k]!;
        wArr[at++] = w;
      }
    }
    offsets[i + 1] = at;
  }
  const counts = new Int32Array(features + 1);
  for (const f of idArr) counts[f + 1]!++;
  for (let f = 0; f < features; f++) counts[f + 1]! += counts[f]!;
  const fill = counts.slice(0, features);
  const postings = new Int32Array(idArr.length);
  for (let i = 0; i < n; i++) for (let k = offsets[i]!; k < offsets[i + 1]!; k++) postings[fill[idArr[k]!]!++] = i;
  return { offsets, ids: idArr, weights: wArr, postingOffsets: counts, postings, features };
}

/** Each paper's k most similar papers (similarity above 0.02), as an undirected graph; mutual picks weigh double. */
function knnGraph(v: Vectors, k: number): CsrGraph {
  const n = v.offsets.length - 1;
  const from = new Int32Array(n * k);
  const to = new Int32Array(n * k);
  const weight = new Float32Array(n * k);
  let edges = 0;
  const seen = new Int32Array(n).fill(-1);
  // Paper i's vector scattered over all features: a candidate's dot product is then one read per
  // feature of the candidate, instead of a merge of two sorted lists.
  const dense = new Float32Array(v.features);
  const bestJ = new Int32Array(k);
  const bestS = new Float64Array(k);
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    const a0 = v.offsets[i]!, a1 = v.offsets[i + 1]!;
    for (let a = a0; a < a1; a++) dense[v.ids[a]!] = v.weights[a]!;
    // Candidates come from the paper's strongest features, the ones that say most about it.
    order.length = 0;
    for (let a = a0; a < a1; a++) order.push(a);
    order.sort((x, y) => v.weights[y]! - v.weights[x]! || x - y);
    let found = 0;
    for (let b = 0; b < k; b++) bestS[b] = -1;
    for (let o = 0; o < Math.min(order.length, SEED_FEATURES); o++) {
      const f = v.ids[order[o]!]!;
      const start = v.postingOffsets[f]!, len = v.postingOffsets[f + 1]! - start;
      const take = Math.min(len, CANDIDATES_PER_FEATURE);
      // A long posting list is sampled at evenly spaced positions from a point that depends on
      // (paper, feature), so different papers see different members of a big group.
      const step = len / take;
      const offset = len > take ? hash2(i, f) % len : 0;
      for (let c = 0; c < take; c++) {
        const j = v.postings[start + ((offset + Math.floor(c * step)) % len)]!;
        if (j === i || seen[j] === i) continue;
        seen[j] = i;
        let s = 0;
        for (let b = v.offsets[j]!; b < v.offsets[j + 1]!; b++) s += dense[v.ids[b]!]! * v.weights[b]!;
        if (s <= 0.02) continue;
        // Keep the k best so far, best first; ties go to the lower paper index.
        let pos = Math.min(found, k);
        while (pos > 0 && (s > bestS[pos - 1]! || (s === bestS[pos - 1]! && j < bestJ[pos - 1]!))) pos--;
        if (pos >= k) continue;
        for (let b = Math.min(found, k - 1); b > pos; b--) {
          bestS[b] = bestS[b - 1]!;
          bestJ[b] = bestJ[b - 1]!;
        }
        bestS[pos] = s;
        bestJ[pos] = j;
        if (found < k) found++;
      }
    }
    for (let a = a0; a < a1; a++) dense[v.ids[a]!] = 0;
    for (let b = 0; b < found; b++) {
      from[edges] = i;
      to[edges] = bestJ[b]!;
      weight[edges++] = bestS[b]!;
    }
  }
  return csrFromEdges(n, from, to, weight, edges);
}

function hash2(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 13;
  h = Math.imul(h, 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Private: folding small communities.

/**
 * Groups of paper indexes, largest first. Communities below minSize are folded, smallest first,
 * into the community their papers have the most edge weight to (the largest one when they have none).
 */
function foldSmall(membership: Int32Array, graph: CsrGraph, minSize: number): number[][] {
  const n = membership.length;
  let count = 0;
  for (let i = 0; i < n; i++) count = Math.max(count, membership[i]! + 1);
  const parent = Int32Array.from({ length: count }, (_, c) => c);
  const find = (c: number): number => {
    while (parent[c] !== c) c = parent[c] = parent[parent[c]!]!;
    return c;
  };
  const sizes = new Int32Array(count);
  for (let i = 0; i < n; i++) sizes[membership[i]!]!++;
  for (let pass = 0; pass < 20; pass++) {
    const root = (i: number) => find(membership[i]!);
    const roots = [...new Set(Array.from({ length: count }, (_, c) => find(c)))];
    const small = roots.filter((c) => sizes[c]! < minSize);
    if (small.length === 0 || roots.length < 2) break;
    const links = new Map<number, Map<number, number>>();
    for (const c of small) links.set(c, new Map());
    for (let i = 0; i < n; i++) {
      const a = root(i);
      const out = links.get(a);
      if (!out) continue;
      for (let k = graph.offsets[i]!; k < graph.offsets[i + 1]!; k++) {
        const b = root(graph.adj[k]!);
        if (b !== a) out.set(b, (out.get(b) ?? 0) + graph.weights[k]!);
      }
    }
    let largest = 0;
    for (let c = 0; c < count; c++) if (find(c) === c && (sizes[c]! > sizes[largest]! || (sizes[c] === sizes[largest] && c < largest))) largest = c;
    let merged = 0;
    for (const c of small.sort((a, b) => sizes[a]! - sizes[b]! || a - b)) {
      if (find(c) !== c || sizes[c]! >= minSize) continue;
      let target = -1, bestW = 0;
      for (const [b, w] of links.get(c)!) {
        const rb = find(b);
        if (rb !== c && (w > bestW || (w === bestW && rb < target))) [target, bestW] = [rb, w];
      }
      if (target < 0) target = find(largest) === c ? -1 : find(largest);
      if (target < 0) continue;
      parent[c] = target;
      sizes[target]! += sizes[c]!;
      sizes[c] = 0;
      merged++;
    }
    if (merged === 0) break;
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = find(membership[i]!);
    const g = groups.get(c);
    if (g) g.push(i);
    else groups.set(c, [i]);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length || a[0]! - b[0]!);
}

// ---------------------------------------------------------------------------------------------
// Private: naming and describing the topics.

function describe(corpus: TopicCorpus, v: Vectors, graph: CsrGraph, groups: readonly number[][], opts: TopicOptions): TopicResult {
  const n = corpus.size;
  const T = groups.length;
  const main = new Int32Array(n);
  groups.forEach((g, c) => g.forEach((i) => (main[i] = c)));
  const phraseCount = corpus.phraseCount;

  // Phrase and entity presence per paper (titles count twice), totals over all papers.
  const phraseTotals = new Float64Array(phraseCount);
  const entityTotals = new Float64Array(corpus.entityIds.length);
  for (let i = 0; i < n; i++) {
    const t = corpus.text(i);
    for (let k = 0; k < t.ids.length; k++) phraseTotals[t.ids[k]!]! += t.inTitle[k] ? 2 : 1;
    const m = corpus.mentions(i);
    for (let k = 0; k < m.ids.length; k++) if (!m.hardware[k]) entityTotals[m.ids[k]!]! += 1;
  }

  const used = new Set<string>();
  const topics: { id: string; name: string; size: number; entities: string[]; terms: string[]; papers: { paper: string; weight: number }[]; members: { entity: string; weight: number }[] }[] = [];
  const profiles: TopicProfile[] = [];
  for (let c = 0; c < T; c++) {
    const g = groups[c]!;
    const phraseIn = new Map<number, number>();
    const entityIn = new Map<number, number>();
    const profile = new Map<number, number>();
    for (const i of g) {
      const t = corpus.text(i);
      for (let k = 0; k < t.ids.length; k++) phraseIn.set(t.ids[k]!, (phraseIn.get(t.ids[k]!) ?? 0) + (t.inTitle[k] ? 2 : 1));
      const m = corpus.mentions(i);
      for (let k = 0; k < m.ids.length; k++) if (!m.hardware[k]) entityIn.set(m.ids[k]!, (entityIn.get(m.ids[k]!) ?? 0) + 1);
      for (let k = v.offsets[i]!; k < v.offsets[i + 1]!; k++) profile.set(v.ids[k]!, (profile.get(v.ids[k]!) ?? 0) + v.weights[k]!);
    }
    const terms = rankCharacteristic(phraseIn, g.length, n, phraseTotals, (f) => corpus.phraseNames[f]!).filter((t) => t.length > 3 && !t.split(" ").some((w) => VAGUE.has(w)));
    const entities = rankCharacteristic(entityIn, g.length, n, entityTotals, (e) => corpus.entityNames[e]!);
    const name = uniqueName(topicName(terms, entities), used);
    const id = `topic:${slug(name)}`;
    topics.push({ id, name, size: g.length, entities: entities.slice(0, 6), terms: terms.slice(0, 8), papers: [], members: [] });
    const strongest = [...profile].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, PROFILE_FEATURES);
    profiles.push({
      topic: id,
      features: strongest.map(([f]) => (f < phraseCount ? `p:${corpus.phraseNames[f]}` : `e:${corpus.entityIds[f - phraseCount]}`)),
      weights: strongest.map(([, w]) => round(w / g.length)),
    });
  }

  // Each paper's affinity to each topic: the summed weight of its neighbours there.
  for (let i = 0; i < n; i++) {
    const affinity = new Map<number, number>();
    let total = 0;
    for (let k = graph.offsets[i]!; k < graph.offsets[i + 1]!; k++) {
      const j = graph.adj[k]!;
      if (j === i) continue;
      affinity.set(main[j]!, (affinity.get(main[j]!) ?? 0) + graph.weights[k]!);
      total += graph.weights[k]!;
    }
    const own = main[i]!;
    topics[own]!.papers.push({ paper: corpus.ids[i]!, weight: Math.max(round(total ? (affinity.get(own) ?? 0) / total : 1), 0.01) });
    for (const [c, w] of affinity) {
      const share = w / total;
      if (c !== own && share >= opts.secondaryShare) topics[c]!.papers.push({ paper: corpus.ids[i]!, weight: round(share) });
    }
  }
  for (const t of topics) t.papers.sort((a, b) => b.weight - a.weight || cmp(a.paper, b.paper));

  // Entities: the topic holding most of their (role-weighted) mentions, and their topic specificity.
  let mentionCount = 0;
  for (let i = 0; i < n; i++) mentionCount += corpus.mentions(i).ids.length;
  const pairs = new Float64Array(mentionCount);
  let p = 0;
  const roleSums = new Map<number, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    const m = corpus.mentions(i);
    for (let k = 0; k < m.ids.length; k++) {
      const e = m.ids[k]!;
      pairs[p++] = e * T + main[i]!;
      if (m.hardware[k]) continue;
      const s = roleSums.get(e) ?? new Map<number, number>();
      s.set(main[i]!, (s.get(main[i]!) ?? 0) + m.roles[k]!);
      roleSums.set(e, s);
    }
  }
  for (const [e, s] of [...roleSums].sort((a, b) => cmp(corpus.entityIds[a[0]]!, corpus.entityIds[b[0]]!))) {
    let total = 0, best = -1, bestW = -1;
    for (const [c, w] of s) {
      total += w;
      if (w > bestW || (w === bestW && c < best)) [best, bestW] = [c, w];
    }
    topics[best]!.members.push({ entity: corpus.entityIds[e]!, weight: round(bestW / total) });
  }
  const specificity = topicSpecificity(pairs.sort(), T, groups.map((g) => g.length / n), (e) => corpus.entityIds[e]!);
  return { topics, specificity, profiles };
}

/** KL divergence (bits) of each entity's topic distribution, shrunk towards the topic sizes, from the sizes. */
function topicSpecificity(sortedPairs: Float64Array, topics: number, prior: readonly number[], idOf: (e: number) => string): { entity: string; bits: number }[] {
  const out: { entity: string; bits: number }[] = [];
  let k = 0;
  while (k < sortedPairs.length) {
    const e = Math.floor(sortedPairs[k]! / topics);
    const counts = new Map<number, number>();
    let total = 0;
    for (; k < sortedPairs.length && Math.floor(sortedPairs[k]! / topics) === e; k++) {
      const c = sortedPairs[k]! % topics;
      counts.set(c, (counts.get(c) ?? 0) + 1);
      total++;
    }
    out.push({ entity: idOf(e), bits: entitySpecificity(counts, total, prior) });
  }
  return out.sort((x, y) => cmp(x.entity, y.entity));
}

/**
 * An entity's topic specificity in bits: the divergence of the topics of its papers (counts per
 * topic index, total papers) from the topic sizes (prior, shares summing to 1), with the counts
 * shrunk towards the prior by SPECIFICITY_PRIOR pseudo-papers so an entity in one paper is not
 * taken for a perfectly specific one.
 */
export function entitySpecificity(counts: ReadonlyMap<number, number>, total: number, prior: readonly number[]): number {
  const a = SPECIFICITY_PRIOR;
  let bits = 0;
  let seenPrior = 0;
  for (const [c, m] of counts) {
    const p = prior[c] || 1e-9;
    const q = (m + a * p) / (total + a);
    bits += q * Math.log2(q / p);
    seenPrior += p;
  }
  // Topics none of its papers are in: q = a·p/(total + a) each, so their sum has a closed form.
  const unseen = 1 - seenPrior;
  if (unseen > 1e-12) bits += (a / (total + a)) * unseen * Math.log2(a / (total + a));
  return round(Math.max(0, bits));
}

/** characteristic() over feature ids: counts inside a group against totals over all papers. */
function rankCharacteristic(inside: ReadonlyMap<number, number>, groupSize: number, n: number, totals: Float64Array, nameOf: (f: number) => string): string[] {
  const scored = [...inside]
    .filter(([, c]) => c >= Math.min(2, groupSize))
    .map(([f, c]) => {
      const t = nameOf(f);
      return { t, score: characteristicScore(c, groupSize, n, totals[f]! - c, t) };
    })
    .sort((a, b) => b.score - a.score || cmp(a.t, b.t));
  return dropContained(scored.map((s) => s.t), NAMING_ITEMS);
}

function characteristicScore(inside: number, groupSize: number, n: number, outside: number, t: string): number {
  return (inside / groupSize) * Math.log((n - groupSize + 1) / (outside + 1) + 1) * (t.includes(" ") ? 1.3 : 1);
}

/** Drops a unigram when a better bigram already contains it ("cache" after "kv cache"); keeps at most `max`. */
function dropContained(ranked: readonly string[], max = Infinity): string[] {
  const out: string[] = [];
  const outWords: string[][] = [];
  for (const t of ranked) {
    if (out.length >= max) break;
    const words = t.split(" ");
    if (outWords.some((o) => o.includes(t) || words.every((w) => o.includes(w)))) continue;
    out.push(t);
    outWords.push(words);
  }
  return out;
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
    .map(([t, c]) => ({ t, score: characteristicScore(c, group.length, n, all.get(t)! - c, t) }))
    .sort((a, b) => b.score - a.score || cmp(a.t, b.t));
  return dropContained(scored.map((s) => s.t));
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

/** A small seeded PRNG (mulberry32): Louvain's visiting order becomes reproducible. */
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

export { TYPE_WEIGHT };
