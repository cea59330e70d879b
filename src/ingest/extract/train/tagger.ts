// Training the name tagger (../tagger.ts): a structured averaged perceptron (Collins, 2002) over
// BIO labels. The gold gives names, not places, so a sentence's labels mark its spans whose key is
// a gold name of the paper, of any field; of overlapping ones the longest wins, and a trailing
// generic word the key ignores ("FlashAttention method") stays outside. Sentences are visited in a
// fixed pseudo-random order, so the same papers give the same weights on every run.
import { mentionKey, type Reading } from "../candidates";
import { B, emissions, I, LABELS, O, readingFeatures, viterbi, type Tagger, type TaggerFile, type TaggerReference } from "../tagger";
import { shuffled } from "./logistic";

export interface TaggerOptions {
  readonly epochs: number;
  /** Features seen in fewer training tokens are dropped. */
  readonly minCount: number;
}

/**
 * Features whose B and I weights both stay under this are left out of the file: about half of them,
 * which decode as well (the tagger alone finds the same names, and the span model scores the same).
 */
const PRUNE = 3;

export const DEFAULT_TAGGER: TaggerOptions = { epochs: 8, minCount: 2 };

/** Gold BIO labels for every sentence of a reading, given the keys of the paper's gold names (any field). */
export function goldLabels(reading: Reading, keys: ReadonlySet<string>): Uint8Array[] {
  const labels = reading.sentences.map((s) => new Uint8Array(s.tokens.length));
  const spans: Array<{ s: number; from: number; to: number }> = [];
  for (const c of reading.candidates) {
    if (!keys.has(c.key)) continue;
    for (const o of c.occurrences) {
      // "FlashAttention method" has the key of "FlashAttention"; the shorter span is the name.
      if (o.to - o.from > 1) {
        const toks = o.sentence.tokens;
        const shorter = o.sentence.text.slice(toks[o.from]!.start, toks[o.to - 2]!.end);
        if (mentionKey(shorter) === c.key) continue;
      }
      spans.push({ s: o.sentence.index, from: o.from, to: o.to });
    }
  }
  spans.sort((a, b) => b.to - b.from - (a.to - a.from) || a.s - b.s || a.from - b.from);
  for (const { s, from, to } of spans) {
    const l = labels[s]!;
    let free = true;
    for (let q = from; q < to && free; q++) free = l[q] === O;
    if (!free) continue;
    l[from] = B;
    for (let q = from + 1; q < to; q++) l[q] = I;
  }
  return labels;
}

export interface TaggedSentence {
  readonly features: readonly (readonly string[])[];
  readonly labels: Uint8Array;
}

/** The training sentences of papers: each sentence's token features and gold labels. */
export function taggedSentences(papers: ReadonlyArray<{ readonly reading: Reading; readonly names: ReadonlySet<string> }>, ref: TaggerReference): TaggedSentence[] {
  const out: TaggedSentence[] = [];
  for (const p of papers) {
    const labels = goldLabels(p.reading, p.names);
    readingFeatures(p.reading, ref).forEach((features, i) => out.push({ features, labels: labels[i]! }));
  }
  return out;
}

/**
 * Trains the tagger. Weights are kept per label and averaged over every step (the usual trick:
 * w - u / c, where u sums each update times its step); the file stores B and I relative to O,
 * which decodes the same (every path has one label per token), rounded to 0.01 and pruned (PRUNE).
 */
export function trainTagger(sentences: readonly TaggedSentence[], options: TaggerOptions = DEFAULT_TAGGER): TaggerFile {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const fs of s.features) for (const f of fs) counts.set(f, (counts.get(f) ?? 0) + 1);
  const names = [...counts].filter(([, n]) => n >= options.minCount).map(([f]) => f).sort();
  const id = new Map(names.map((f, i) => [f, i]));
  const X = sentences.map((s) => s.features.map((fs) => Int32Array.from(fs.map((f) => id.get(f) ?? -1).filter((i) => i >= 0))));
  const W = new Float64Array(names.length * LABELS);
  const U = new Float64Array(names.length * LABELS);
  const T = new Float64Array((LABELS + 1) * LABELS);
  const TU = new Float64Array((LABELS + 1) * LABELS);
  let c = 1;
  const e = (x: readonly Int32Array[]) => {
    const out = new Float64Array(x.length * LABELS);
    x.forEach((fs, t) => {
      for (let y = 0; y < LABELS; y++) {
        let v = 0;
        for (const f of fs) v += W[f * LABELS + y]!;
        out[t * LABELS + y] = v;
      }
    });
    return out;
  };
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const r of shuffled(sentences.length, 29 + epoch)) {
      const x = X[r]!;
      const gold = sentences[r]!.labels;
      const n = gold.length;
      if (n === 0) continue;
      const guess = viterbi(e(x), T, n);
      for (let t = 0; t < n; t++) {
        const g = gold[t]!;
        const p = guess[t]!;
        const pg = t === 0 ? 0 : gold[t - 1]! + 1;
        const pp = t === 0 ? 0 : guess[t - 1]! + 1;
        if (g !== p) {
          for (const f of x[t]!) {
            W[f * LABELS + g] = W[f * LABELS + g]! + 1;
            U[f * LABELS + g] = U[f * LABELS + g]! + c;
            W[f * LABELS + p] = W[f * LABELS + p]! - 1;
            U[f * LABELS + p] = U[f * LABELS + p]! - c;
          }
        }
        if (g !== p || pg !== pp) {
          T[pg * LABELS + g] = T[pg * LABELS + g]! + 1;
          TU[pg * LABELS + g] = TU[pg * LABELS + g]! + c;
          T[pp * LABELS + p] = T[pp * LABELS + p]! - 1;
          TU[pp * LABELS + p] = TU[pp * LABELS + p]! - c;
        }
      }
      c++;
    }
  }
  const avg = (w: number, u: number) => w - u / c;
  const round = (w: number) => Math.round(w * 1e2) / 1e2;
  const weights: Array<[string, [number, number]]> = [];
  names.forEach((f, i) => {
    const o = avg(W[i * LABELS + O]!, U[i * LABELS + O]!);
    const b = round(avg(W[i * LABELS + B]!, U[i * LABELS + B]!) - o);
    const ii = round(avg(W[i * LABELS + I]!, U[i * LABELS + I]!) - o);
    if (Math.abs(b) >= PRUNE || Math.abs(ii) >= PRUNE) weights.push([f, [b, ii]]);
  });
  return { weights: Object.fromEntries(weights), transitions: Array.from(T, (w, k) => round(avg(w, TU[k]!))) };
}

/** Token-level agreement of a tagger with gold labels: exact name spans found (precision, recall). */
export function spanCounts(tagger: Tagger, sentences: readonly TaggedSentence[]): { tp: number; fp: number; fn: number } {
  const counts = { tp: 0, fp: 0, fn: 0 };
  for (const s of sentences) {
    const guess = viterbi(emissions(tagger, s.features), tagger.transitions, s.labels.length);
    const a = spansOf(guess);
    const g = new Set(spansOf(s.labels));
    for (const x of a) if (g.has(x)) counts.tp++;
    counts.fp += a.filter((x) => !g.has(x)).length;
    counts.fn += [...g].filter((x) => !a.includes(x)).length;
  }
  return counts;
}

function spansOf(labels: Uint8Array): string[] {
  const out: string[] = [];
  for (let t = 0; t < labels.length; t++) {
    if (labels[t] !== B) continue;
    let e = t + 1;
    while (e < labels.length && labels[e] === I) e++;
    out.push(`${t}-${e}`);
  }
  return out;
}
