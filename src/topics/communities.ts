// Louvain community detection over a weighted undirected graph held in typed arrays (CSR), so a
// million papers with a handful of neighbours each fit in a few hundred megabytes where a graph of
// JS objects would not. Pure and deterministic: nodes are visited in an order drawn from a seeded
// PRNG, and ties go to the lowest community id.
//
// Each level moves nodes to the neighbouring community with the best modularity gain until no move
// helps (or maxSweeps), then collapses communities into nodes and repeats on the smaller graph.

/** An undirected weighted graph: the neighbours of node i are adj[offsets[i] .. offsets[i+1]). */
export interface CsrGraph {
  readonly nodes: number;
  readonly offsets: Int32Array;
  readonly adj: Int32Array;
  readonly weights: Float32Array;
}

export interface LouvainOptions {
  readonly resolution: number;
  readonly random: () => number;
  /** Local-moving sweeps per level; each sweep visits every node once. */
  readonly maxSweeps?: number;
  readonly maxLevels?: number;
}

/** Builds a CSR graph from undirected edge lists (each edge given once; self-loops are kept once). */
export function csrFromEdges(nodes: number, from: Int32Array, to: Int32Array, weight: Float32Array, edges: number): CsrGraph {
  const degree = new Int32Array(nodes + 1);
  for (let e = 0; e < edges; e++) {
    degree[from[e]!]!++;
    if (from[e] !== to[e]) degree[to[e]!]!++;
  }
  const offsets = new Int32Array(nodes + 1);
  for (let i = 0; i < nodes; i++) offsets[i + 1] = offsets[i]! + degree[i]!;
  const fill = offsets.slice(0, nodes);
  const adj = new Int32Array(offsets[nodes]!);
  const weights = new Float32Array(offsets[nodes]!);
  for (let e = 0; e < edges; e++) {
    const a = from[e]!, b = to[e]!, w = weight[e]!;
    adj[fill[a]!] = b;
    weights[fill[a]!++] = w;
    if (a !== b) {
      adj[fill[b]!] = a;
      weights[fill[b]!++] = w;
    }
  }
  return { nodes, offsets, adj, weights };
}

/** Community of every node (0..communities-1, numbered by first appearance in node order). */
export function louvain(graph: CsrGraph, opts: LouvainOptions): Int32Array {
  const maxLevels = opts.maxLevels ?? 10;
  let membership = new Int32Array(graph.nodes);
  for (let i = 0; i < graph.nodes; i++) membership[i] = i;
  let g = graph;
  for (let level = 0; level < maxLevels; level++) {
    const { community, count, moved } = localMoving(g, opts);
    if (!moved) break;
    for (let i = 0; i < membership.length; i++) membership[i] = community[membership[i]!]!;
    if (count === g.nodes) break;
    g = aggregate(g, community, count);
  }
  return renumber(membership);
}

function localMoving(g: CsrGraph, opts: LouvainOptions): { community: Int32Array; count: number; moved: boolean } {
  const n = g.nodes;
  const strength = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let k = g.offsets[i]!; k < g.offsets[i + 1]!; k++) strength[i]! += g.adj[k] === i ? 2 * g.weights[k]! : g.weights[k]!;
    total += strength[i]!;
  }
  const community = new Int32Array(n);
  const tot = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    community[i] = i;
    tot[i] = strength[i]!;
  }
  if (total === 0) return { community, count: n, moved: false };
  const order = shuffled(n, opts.random);
  const linkTo = new Float64Array(n);
  const touched = new Int32Array(n);
  const gamma = opts.resolution;
  let moved = false;
  for (let sweep = 0; sweep < (opts.maxSweeps ?? 20); sweep++) {
    let moves = 0;
    for (const i of order) {
      const own = community[i]!;
      let nTouched = 0;
      for (let k = g.offsets[i]!; k < g.offsets[i + 1]!; k++) {
        const j = g.adj[k]!;
        if (j === i) continue;
        const c = community[j]!;
        if (linkTo[c] === 0) touched[nTouched++] = c;
        linkTo[c]! += g.weights[k]!;
      }
      tot[own]! -= strength[i]!;
      const ki = strength[i]!;
      let best = own;
      let bestGain = (linkTo[own] ?? 0) - (gamma * tot[own]! * ki) / total;
      for (let t = 0; t < nTouched; t++) {
        const c = touched[t]!;
        const gain = linkTo[c]! - (gamma * tot[c]! * ki) / total;
        if (gain > bestGain + 1e-12 || (Math.abs(gain - bestGain) <= 1e-12 && c < best)) {
          best = c;
          bestGain = gain;
        }
      }
      for (let t = 0; t < nTouched; t++) linkTo[touched[t]!] = 0;
      linkTo[own] = 0;
      tot[best]! += ki;
      if (best !== own) {
        community[i] = best;
        moves++;
      }
    }
    if (moves === 0) break;
    moved = true;
  }
  const renumbered = renumber(community);
  let count = 0;
  for (let i = 0; i < n; i++) count = Math.max(count, renumbered[i]! + 1);
  return { community: renumbered, count, moved };
}

/** The graph of communities: one node per community, edge weights summed (internal ones as self-loops). */
function aggregate(g: CsrGraph, community: Int32Array, count: number): CsrGraph {
  const sums = new Map<number, number>();
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  // Edges are visited from both ends; keep each once (i <= j), self-loops once.
  for (let i = 0; i < g.nodes; i++) {
    for (let k = g.offsets[i]!; k < g.offsets[i + 1]!; k++) {
      const j = g.adj[k]!;
      if (j < i) continue;
      const a = Math.min(community[i]!, community[j]!);
      const b = Math.max(community[i]!, community[j]!);
      const key = a * count + b;
      sums.set(key, (sums.get(key) ?? 0) + g.weights[k]!);
    }
  }
  for (const [key, w] of [...sums].sort((x, y) => x[0] - y[0])) {
    from.push(Math.floor(key / count));
    to.push(key % count);
    weight.push(w);
  }
  return csrFromEdges(count, Int32Array.from(from), Int32Array.from(to), Float32Array.from(weight), from.length);
}

function renumber(labels: Int32Array): Int32Array {
  const ids = new Map<number, number>();
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let id = ids.get(labels[i]!);
    if (id === undefined) ids.set(labels[i]!, (id = ids.size));
    out[i] = id;
  }
  return out;
}

function shuffled(n: number, random: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}
