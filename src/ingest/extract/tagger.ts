// A token-level name tagger: BIO labels (outside, begins a name, inside a name) per token of a
// sentence, from a linear-chain model (an averaged perceptron, trained in train/tagger.ts) over
// the word, its shape, endings and class and its neighbours, decoded by Viterbi. It does not
// decide facts; where it marks names becomes features of the span model (features.ts), beside
// what the candidates' own features say. A name's boundaries are a sequence decision ("GPU" in
// "GPU memory"), which one span's features see only from inside.
import type { Reading, ReadSentence } from "./candidates";
import { wordClass } from "./nlp";

/** Labels, in weight order. */
export const O = 0;
export const B = 1;
export const I = 2;
export const LABELS = 3;

/** A word's shape: runs of capitals, lower-case letters and digits as "A", "a", "0" ("FlashAttention-2" -> "AaAa-0"). */
export function shape(w: string): string {
  return w.replace(/\p{Lu}+/gu, "A").replace(/\p{Ll}+/gu, "a").replace(/\p{N}+/gu, "0");
}

/** The features a word gives the tokens around it, by where it stands: itself, one or two before, one or two after. */
interface WordStrings {
  readonly self: readonly string[];
  readonly prev: readonly string[];
  readonly next: readonly string[];
  readonly prev2: string;
  readonly next2: string;
  /** Its shape in the title, in the abstract. */
  readonly titled: readonly [string, string];
}

function wordStrings(lower: string, sh: string, cls: string): WordStrings {
  return {
    self: ["w:" + lower, "s:" + sh, "c:" + cls, "x2:" + lower.slice(-2), "x3:" + lower.slice(-3), "x4:" + lower.slice(-4), "f3:" + lower.slice(0, 3)],
    prev: ["w-1:" + lower, "s-1:" + sh, "c-1:" + cls],
    next: ["w+1:" + lower, "s+1:" + sh, "c+1:" + cls],
    prev2: "w-2:" + lower,
    next2: "w+2:" + lower,
    titled: ["ts:t" + sh, "ts:a" + sh],
  };
}

/** A token's strings, from its text and lower-cased form. */
function tokenStrings(text: string, lower: string): WordStrings {
  return wordStrings(lower, shape(text), wordClass(lower));
}

const START = wordStrings("^", "^", "^");
const END = wordStrings("$", "$", "$");

/**
 * The features of every token of a sentence, as strings (training; extraction adds up the same
 * weights through a per-word cache, `emissionsOf`). Only the text and the reference marks are
 * read (no vocabulary, no lexicon), so the tagger carries nothing gold-derived but its weights.
 */
export function tokenFeatures(s: ReadSentence, marks?: Uint8Array): string[][] {
  const toks = s.tokens;
  const n = toks.length;
  const ws = toks.map((t) => tokenStrings(t.text, t.lower));
  const at = (q: number) => (q < 0 ? START : q >= n ? END : ws[q]!);
  const title = s.index === 0 ? 0 : 1;
  return toks.map((_, i) => [
    "b",
    ...ws[i]!.self,
    ws[i]!.titled[title],
    ...at(i - 1).prev,
    ...at(i + 1).next,
    at(i - 2).prev2,
    at(i + 2).next2,
    ...MARK_NAMES.filter((_, k) => (marks?.[i] ?? 0) & (1 << k)),
  ]);
}

/** What the Papers with Code list knows, which a tagger may read: its method names and description phrases. */
export interface TaggerReference {
  readonly pwc: ReadonlySet<string>;
  readonly terms: ReadonlyMap<string, number>;
}

/** The reference marks, one bit each. */
const MARK_NAMES = ["pw:b", "pw:i", "td:b", "td:i"] as const;
const PW = 0;
const TD = 2;

/**
 * Per sentence and token, marks from the reference as bits (MARK_NAMES): a token that begins or
 * continues a span whose key is a Papers with Code method name ("pw:b", "pw:i") or a phrase its
 * descriptions use at least three times ("td:b", "td:i"). Technical phrases ("power iteration")
 * are in its texts.
 */
export function referenceMarks(reading: Reading, ref: TaggerReference): Uint8Array[] {
  const marks = reading.sentences.map((s) => new Uint8Array(s.tokens.length));
  for (const c of reading.candidates) {
    const tag = ref.pwc.has(c.key) ? PW : (ref.terms.get(c.key) ?? 0) >= 3 ? TD : -1;
    if (tag < 0) continue;
    for (const o of c.occurrences) {
      const m = marks[o.sentence.index]!;
      m[o.from] = m[o.from]! | (1 << tag);
      for (let q = o.from + 1; q < o.to; q++) m[q] = m[q]! | (2 << tag);
    }
  }
  return marks;
}

/** The token features of every sentence of a reading (training). */
export function readingFeatures(reading: Reading, ref: TaggerReference): string[][][] {
  const marks = referenceMarks(reading, ref);
  return reading.sentences.map((s, i) => tokenFeatures(s, marks[i]));
}

/** The shipped tagger: per feature, its weight for B and for I relative to O; transitions from start/O/B/I to O/B/I. */
export interface TaggerFile {
  readonly weights: Readonly<Record<string, readonly [number, number]>>;
  /** 4 x 3: row 0 is the sentence start, rows 1..3 the previous label O, B, I. */
  readonly transitions: readonly number[];
}

export interface Tagger {
  readonly index: ReadonlyMap<string, number>;
  /** Two weights per feature row: B - O, I - O. */
  readonly matrix: Float64Array;
  readonly transitions: Float64Array;
  /** Per word as written, the B and I weights it adds by position (WordStrings order); filled as words come. */
  readonly words: Map<string, Float64Array>;
  readonly bias: readonly [number, number];
  /** Per set of reference-mark bits, the B and I weights of those marks. */
  readonly marks: ReadonlyArray<readonly [number, number]>;
  readonly edges: readonly [Float64Array, Float64Array];
}

export function taggerOf(file: TaggerFile): Tagger {
  const rows = Object.entries(file.weights);
  const index = new Map(rows.map(([f], i) => [f, i]));
  const matrix = Float64Array.from(rows.flatMap(([, w]) => w));
  const bias = file.weights["b"] ?? [0, 0];
  const part = { index, matrix };
  const marks = Array.from({ length: 1 << MARK_NAMES.length }, (_, bits) => {
    const sum: [number, number] = [0, 0];
    MARK_NAMES.forEach((f, k) => {
      const row = index.get(f);
      if (bits & (1 << k) && row !== undefined) [sum[0], sum[1]] = [sum[0] + matrix[row * 2]!, sum[1] + matrix[row * 2 + 1]!];
    });
    return sum;
  });
  return { index, matrix, transitions: Float64Array.from(file.transitions), words: new Map(), bias: [bias[0], bias[1]], marks, edges: [wordVector(part, START), wordVector(part, END)] };
}

/** Slots of a word vector: B and I weights of each position of WordStrings. */
const SELF = 0;
const PREV = 2;
const NEXT = 4;
const PREV2 = 6;
const NEXT2 = 8;
const TITLED = 10;

function wordVector(tagger: Pick<Tagger, "index" | "matrix">, w: WordStrings): Float64Array {
  const v = new Float64Array(14);
  const add = (slot: number, f: string) => {
    const row = tagger.index.get(f);
    if (row === undefined) return;
    v[slot] = v[slot]! + tagger.matrix[row * 2]!;
    v[slot + 1] = v[slot + 1]! + tagger.matrix[row * 2 + 1]!;
  };
  for (const f of w.self) add(SELF, f);
  for (const f of w.prev) add(PREV, f);
  for (const f of w.next) add(NEXT, f);
  add(PREV2, w.prev2);
  add(NEXT2, w.next2);
  add(TITLED, w.titled[0]);
  add(TITLED + 2, w.titled[1]);
  return v;
}

/** A cap on the per-word cache, so a long run over many papers does not grow it without end. */
const MAX_WORDS = 200_000;
const DIGIT = /\d/;

/**
 * A word's weight sums, cached per word. Words with a digit are summed each time instead: they are
 * mostly one-off (ids, sizes, versions, numbers); after 40,000 papers of the 100,000-paper bench
 * corpus they were 84,000 of the cache's 86,000 words (about 40 MB per extraction worker at 100,000).
 */
function vectorOf(tagger: Tagger, text: string, lower: string): Float64Array {
  if (DIGIT.test(text)) return wordVector(tagger, tokenStrings(text, lower));
  let v = tagger.words.get(text);
  if (!v) {
    if (tagger.words.size >= MAX_WORDS) tagger.words.clear();
    tagger.words.set(text, (v = wordVector(tagger, tokenStrings(text, lower))));
  }
  return v;
}

/**
 * The emission scores of a sentence's tokens, as `emissions(tagger, tokenFeatures(s, marks))` gives
 * them, from cached per-word sums: only the reference marks are looked up per token.
 */
export function emissionsOf(tagger: Tagger, s: ReadSentence, marks?: Uint8Array): Float64Array {
  const toks = s.tokens;
  const n = toks.length;
  const e = new Float64Array(n * LABELS);
  const vs = toks.map((t) => vectorOf(tagger, t.text, t.lower));
  const [start, end] = tagger.edges;
  const titled = TITLED + (s.index === 0 ? 0 : 2);
  for (let i = 0; i < n; i++) {
    const v = vs[i]!;
    const p1 = i > 0 ? vs[i - 1]! : start;
    const n1 = i + 1 < n ? vs[i + 1]! : end;
    const p2 = i > 1 ? vs[i - 2]! : start;
    const n2 = i + 2 < n ? vs[i + 2]! : end;
    let b = tagger.bias[0] + v[SELF]! + v[titled]! + p1[PREV]! + n1[NEXT]! + p2[PREV2]! + n2[NEXT2]!;
    let ii = tagger.bias[1] + v[SELF + 1]! + v[titled + 1]! + p1[PREV + 1]! + n1[NEXT + 1]! + p2[PREV2 + 1]! + n2[NEXT2 + 1]!;
    const m = marks?.[i] ?? 0;
    if (m !== 0) {
      const w = tagger.marks[m]!;
      b += w[0]!;
      ii += w[1]!;
    }
    e[i * LABELS + B] = b;
    e[i * LABELS + I] = ii;
  }
  return e;
}

/** Per token, the emission score of each label (O is 0: weights are stored relative to it). */
export function emissions(tagger: Pick<Tagger, "index" | "matrix">, features: readonly (readonly string[])[]): Float64Array {
  const e = new Float64Array(features.length * LABELS);
  const { index, matrix } = tagger;
  features.forEach((fs, t) => {
    let b = 0;
    let i = 0;
    for (const f of fs) {
      const row = index.get(f);
      if (row === undefined) continue;
      b += matrix[row * 2]!;
      i += matrix[row * 2 + 1]!;
    }
    e[t * LABELS + B] = b;
    e[t * LABELS + I] = i;
  });
  return e;
}

/**
 * Max-product forward scores: alpha[t * LABELS + y] is the best score of a labelling of tokens
 * 0..t that ends in y. I never follows O or the start.
 */
function forward(e: Float64Array, tr: Float64Array, n: number): Float64Array {
  const alpha = new Float64Array(n * LABELS);
  for (let y = 0; y < LABELS; y++) alpha[y] = y === I ? -Infinity : tr[y]! + e[y]!;
  for (let t = 1; t < n; t++) {
    for (let y = 0; y < LABELS; y++) {
      let best = -Infinity;
      for (let p = 0; p < LABELS; p++) if (!(y === I && p === O)) best = Math.max(best, alpha[(t - 1) * LABELS + p]! + tr[(p + 1) * LABELS + y]!);
      alpha[t * LABELS + y] = best + e[t * LABELS + y]!;
    }
  }
  return alpha;
}

/** The labelling the forward scores make best, traced back from the last token (first label on a tie). */
function bestPath(alpha: Float64Array, tr: Float64Array, n: number): Uint8Array {
  const labels = new Uint8Array(n);
  if (n === 0) return labels;
  let y = 0;
  for (let k = 1; k < LABELS; k++) if (alpha[(n - 1) * LABELS + k]! > alpha[(n - 1) * LABELS + y]!) y = k;
  for (let t = n - 1; t >= 0; t--) {
    labels[t] = y;
    if (t === 0) break;
    let best = -Infinity;
    let arg = 0;
    for (let p = 0; p < LABELS; p++) {
      if (y === I && p === O) continue;
      const v = alpha[(t - 1) * LABELS + p]! + tr[(p + 1) * LABELS + y]!;
      if (v > best) [best, arg] = [v, p];
    }
    y = arg;
  }
  return labels;
}

/** The best label sequence under emission scores and transitions; I never follows O or the start. */
export function viterbi(e: Float64Array, transitions: Float64Array, n: number): Uint8Array {
  return bestPath(forward(e, transitions, n), transitions, n);
}

/** What the tagger says of a sentence: its labels, and how far from a name each span is (spanMargins). */
export interface SentenceTags {
  readonly labels: Uint8Array;
  readonly margin: (from: number, to: number) => number;
}

/** Labels and margins from one forward pass over a sentence's emission scores. */
function sentenceTags(e: Float64Array, tr: Float64Array, n: number): SentenceTags {
  const alpha = forward(e, tr, n);
  return { labels: bestPath(alpha, tr, n), margin: marginsOf(alpha, e, tr, n) };
}

/** The tagger's labels and margins for sentences given as token features (training). */
export function tagFeatures(tagger: Pick<Tagger, "index" | "matrix" | "transitions">, features: readonly (readonly string[])[]): SentenceTags {
  return sentenceTags(emissions(tagger, features), tagger.transitions, features.length);
}

/** The tagger's labels and margins for every sentence of a reading. */
export function tagReading(tagger: Tagger, reading: Reading, ref: TaggerReference): SentenceTags[] {
  const marks = referenceMarks(reading, ref);
  return reading.sentences.map((s, i) => sentenceTags(emissionsOf(tagger, s, marks[i]), tagger.transitions, s.tokens.length));
}

/**
 * For each span [from, to) of a sentence, how much less the best labelling that makes it exactly
 * one name scores than the tagger's best labelling (0 for a span the tagger marks; max-product
 * forward and backward passes).
 */
export function spanMargins(e: Float64Array, tr: Float64Array, n: number): (from: number, to: number) => number {
  return marginsOf(forward(e, tr, n), e, tr, n);
}

function marginsOf(alpha: Float64Array, e: Float64Array, tr: Float64Array, n: number): (from: number, to: number) => number {
  const beta = new Float64Array(n * LABELS);
  for (let t = n - 2; t >= 0; t--) {
    for (let y = 0; y < LABELS; y++) {
      let best = -Infinity;
      for (let x = 0; x < LABELS; x++) if (!(x === I && y === O)) best = Math.max(best, tr[(y + 1) * LABELS + x]! + e[(t + 1) * LABELS + x]! + beta[(t + 1) * LABELS + x]!);
      beta[t * LABELS + y] = best;
    }
  }
  let top = -Infinity;
  for (let y = 0; y < LABELS; y++) top = Math.max(top, alpha[(n - 1) * LABELS + y]!);
  return (from, to) => {
    let s = alpha[from * LABELS + B]!;
    let prev = B;
    for (let q = from + 1; q < to; q++) {
      s += tr[(prev + 1) * LABELS + I]! + e[q * LABELS + I]!;
      prev = I;
    }
    if (to < n) s += Math.max(tr[(prev + 1) * LABELS + O]! + e[to * LABELS + O]! + beta[to * LABELS + O]!, tr[(prev + 1) * LABELS + B]! + e[to * LABELS + B]! + beta[to * LABELS + B]!);
    return s - top;
  };
}
