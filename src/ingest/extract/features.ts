// Stage 2 of extraction: what the classifiers see of a candidate. Every feature is a string
// ("lc:cmp:1" = a comparison cue one word to the left); a candidate's features are the union
// over its occurrences plus paper-level ones (count, first sentence) and what other papers said
// of the same key (the lexicon). What used to be rules (cue words, "we propose", the title's
// head, vocabulary kind and genericity) are features here; the classifiers weigh them.
import { FACT_KINDS, type FactKind } from "../../domain";
import { MAX_SPAN, mentionKey, STOP, tokenKey, type Candidate, type Occurrence, type ReadSentence, type Reading } from "./candidates";
import { wordClass } from "./nlp";
import { B, I, O, shape, type SentenceTags } from "./tagger";
import { ENTRIES } from "./vocabulary";

/** Cue words by the role they hint at. A word belongs to the first category that lists it. */
const CUES: ReadonlyArray<readonly [string, string]> = [
  ["cmp", "outperform outperforms outperforming outperformed than compared comparing compare compares comparison versus vs against surpass surpasses surpassing surpassed beats beating unlike baseline baselines faster slower better worse matches matching rivals competitive contrast improves improving improvement speedup speedups"],
  ["bld", "based build builds built building extend extends extending extension leverage leverages leveraging use uses using used utilize utilizes utilizing employ employs employing adopt adopts adopting integrate integrates integrating integrated apply applies applying applied inspired via upon combine combines combining incorporate incorporates incorporating rely relies relying exploit exploits exploiting augment augments augmented enhance enhances fine-tune fine-tunes fine-tuning finetune fine-tuned trained train"],
  ["intro", "propose proposes proposed introduce introduces introducing present presents presenting called named dub dubbed term termed coined develop develops developed design designs designed release releases"],
  ["eval", "on evaluate evaluated evaluating evaluation experiments benchmark benchmarks datasets dataset tasks across"],
  ["hw", "gpu gpus cpu cpus device devices hardware chip accelerators accelerator"],
];
/** Cue word -> its category's index in CUES. */
const CUE = new Map<string, number>();
CUES.forEach(([, words], c) => {
  for (const w of words.split(" ")) if (!CUE.has(w)) CUE.set(w, c);
});

/** Per-key counts from annotated papers: [papers where the key is a candidate, then one count per fact kind]. */
export type LexiconRow = readonly number[];
export type Lexicon = ReadonlyMap<string, LexiconRow>;

export interface FeatureContext {
  /** What annotated papers said of each key (gold-derived, see train/). */
  readonly lexicon: Lexicon;
  /** Keys of the Papers with Code methods list. */
  readonly pwc: ReadonlySet<string>;
  /** Key -> how often it occurs as a phrase in the Papers with Code method descriptions (twice or more). */
  readonly terms: ReadonlyMap<string, number>;
  /** originKey(title) of a paper that introduced Papers with Code methods -> those methods' keys. */
  readonly origins: ReadonlyMap<string, readonly string[]>;
  /** Training only: this paper's own contribution to the lexicon, subtracted so a paper never sees its own labels. */
  readonly own?: Lexicon;
  /** Cross-validation only: vocabulary keys hidden for this paper (curated from it, attested by no training paper). */
  readonly hiddenVocabulary?: ReadonlySet<string>;
  /** The name tagger's labels (tagger.ts), per sentence and token; no tagger features without them. */
  readonly tags?: readonly SentenceTags[];
}

const VOCAB = new Map<string, { kind: string; generic: boolean; feature: string }>();
for (const e of ENTRIES) {
  for (const n of [e.name, ...e.aliases]) {
    const k = mentionKey(n.replace(/^=/, ""));
    if (k && !VOCAB.has(k)) VOCAB.set(k, { kind: e.kind, generic: e.generic, feature: "v:" + e.kind });
  }
}

export function vocabularyKind(key: string): string | undefined {
  return VOCAB.get(key)?.kind;
}

/** Words that may precede a sentence's subject inside its noun phrase ("The X is ..."). */
const SUBJECT_DETERMINERS = new Set("a an the this these those such".split(" "));

/**
 * Whether a span starting at token i opens its sentence, or a clause after ";" or ":", and so
 * is its subject. What the subject does is the role of what it names: "X outperforms ..." is
 * the paper's own method or a baseline, "X is widely used ..." prior work, and in a title
 * "X: ..." or "X for ..." the paper's contribution. The nearest cue features cannot tell a
 * subject from a name after the cue verb's object.
 */
function opensSentence(lw: readonly string[], i: number): boolean {
  let q = i - 1;
  while (q >= 0 && (SUBJECT_DETERMINERS.has(lw[q]!) || lw[q] === '"' || lw[q] === "“")) q--;
  return q < 0 || lw[q] === ";" || lw[q] === ":";
}

/** A cue's distance in words, as an index of BUCKETS. */
function bucket(d: number): number {
  return d <= 1 ? 0 : d <= 2 ? 1 : d <= 4 ? 2 : d <= 8 ? 3 : 4;
}

const BUCKETS = ["1", "2", "4", "8", "far"];

/**
 * Where a candidate's features go: a Set while training, the model's weight sums while extracting
 * (model.Scorer), so extraction never builds feature sets. A feature arrives as its number in the
 * sink's `space`; `begin` starts the next candidate; a feature added twice for one candidate counts
 * once.
 */
export interface FeatureSink {
  readonly space: FeatureSpace;
  begin(candidate: number): void;
  add(feature: number): void;
}

/** The numbers of the features one word gives as a span's first or last word, or beside a span. */
interface WordFeatures {
  /** Its word class (nlp.wordClass), and that class's number in its space. */
  readonly cls: string;
  readonly clsNo: number;
  /** Its index in CUES, -1 for a word that is no cue. */
  readonly cue: number;
  readonly fw: number;
  readonly fsuf: number;
  readonly fc: number;
  readonly hw: number;
  readonly hc: number;
  readonly hw2: number;
  readonly hsuf: number;
  readonly p1: number;
  readonly p2: number;
  readonly pc: number;
  readonly n1: number;
  readonly n2: number;
  readonly lcw: number;
  readonly rcw: number;
  readonly subj: number;
}

function wordFeatures(id: (f: string) => number, w: string, cls: string, clsNo: number): WordFeatures {
  const suffix = w.slice(-3);
  return {
    cls,
    clsNo,
    cue: CUE.get(w) ?? -1,
    fw: id("fw:" + w),
    fsuf: id("fsuf:" + suffix),
    fc: id("fc:" + cls),
    hw: id("hw:" + w),
    hc: id("hc:" + cls),
    hw2: id("hw2:" + w),
    hsuf: id("hsuf:" + suffix),
    p1: id("p1:" + w),
    p2: id("p2:" + w),
    pc: id("pc:" + cls),
    n1: id("n1:" + w),
    n2: id("n2:" + w),
    lcw: id("lcw:" + w),
    rcw: id("rcw:" + w),
    subj: id("subj:" + w),
  };
}

/** A tag of what is known of a key, as features: of the key itself, and of a span nested in it, around it, or beside it in a list. */
interface Nest {
  readonly self: number;
  readonly sub: number;
  readonly sup: number;
  readonly ln: number;
}

/** The features whose strings do not depend on the text, as numbers of a space. */
function fixedOf(id: (f: string) => number) {
  const ids = (fs: readonly string[]) => fs.map(id);
  const named = <N extends string>(names: readonly N[]) => Object.fromEntries(names.map((n) => [n, id(n)])) as Record<N, number>;
  return {
    ...named(["digit", "camel", "acro", "lower", "cap1", "allcap", "hyph", "maximal", "paren", "beforeparen", "intitle", "titlehead", "intitlehead"] as const),
    ...named(["s:title", "s:first", "s:last", "s:mid", "s:we", "s:own", "s:num", "acr:short", "acr:long", "vgen", "pwc", "pwc:origin", "gvseen"] as const),
    ...named(["tg:o", "tg:exact", "tg:in:s", "tg:in:e", "tg:in:mid", "tg:cover", "tg:cross"] as const),
    len: ids(LEN),
    tge: ids(TGE),
    margin: ids(MARGIN),
    cnt: ids(CNT),
    first: ids(FIRST),
    td: ids(TD),
    tdLen: TD_LEN.map(ids),
    gv: ids(GV),
    gvhi: ids(FACT_KINDS.map((k) => "gvhi:" + k)),
    /** Per cue category (CUES order): its features as a sentence flag, left and right cue, and subject's cue. */
    cue: CUES.map(([c]) => ({
      flag: id("s:cue:" + c),
      lc: id("lc:" + c),
      lcAt: ids(BUCKETS.map((b) => `lc:${c}:${b}`)),
      lcList: id(`lc:${c}:list`),
      rc: id("rc:" + c),
      rcAt: ids(BUCKETS.map((b) => `rc:${c}:${b}`)),
      subj: id("subj:cue:" + c),
    })),
  };
}

/** The word shapes of a span ("Aa_0"), a node per sequence: a span's "shape:" feature without joining strings per occurrence. */
interface ShapeNode {
  /** The shapes, joined by "_". */
  readonly text: string;
  /** id("shape:" + the first 20 characters of text), when first asked. */
  feature?: number;
  /** The sequences one word longer, by the next word's one-word node. */
  next?: Map<ShapeNode, ShapeNode>;
}

/** The features of two words: before a span (the second and first word before it), after it (the first and second word after it). */
type TwoWordPrefix = "p12:" | "n12:";
const TWO_WORD: readonly TwoWordPrefix[] = ["p12:", "n12:"];

/**
 * Per prefix of TWO_WORD, its features among `names` by their first and second word. A word may
 * hold "_" itself, so a name is filed under each of its splits: a lookup finds a name exactly when
 * prefix + a + "_" + b is one.
 */
function twoWordIndex(names: Iterable<string>, id: (feature: string) => number): Map<string, Map<string, Map<string, number>>> {
  const out = new Map(TWO_WORD.map((prefix) => [prefix, new Map<string, Map<string, number>>()]));
  for (const name of names) {
    const prefix = TWO_WORD.find((p) => name.startsWith(p));
    if (!prefix) continue;
    const byFirst = out.get(prefix)!;
    for (let at = name.indexOf("_", prefix.length); at >= 0; at = name.indexOf("_", at + 1)) {
      const first = name.slice(prefix.length, at);
      let bySecond = byFirst.get(first);
      if (!bySecond) byFirst.set(first, (bySecond = new Map()));
      bySecond.set(name.slice(at + 1), id(name));
    }
  }
  return out;
}

/**
 * Caps on the per-word caches and the shape sequences, so a long run over many papers does not grow
 * them without end: a word's features and its shape's entry take about 300 bytes, so 50,000 words
 * hold about 15 MB per extraction worker, and the words that recur most are back soon after a clear.
 */
const MAX_WORDS = 50_000;
const MAX_SHAPES = 50_000;
const DIGIT = /\d/;

/**
 * Numbers for feature strings (`id`: the same string, the same number), and what is computed once
 * per space instead of per occurrence: the numbers of the fixed features and, per word, of the
 * features it gives. The model's space lives as long as the model, so most words are looked up once
 * per run: a string lookup among the model's 20,000 features was a fifth of extraction's time when
 * each occurrence looked up its 30 features (profiled, 2.7.0).
 */
export class FeatureSpace {
  readonly fixed: ReturnType<typeof fixedOf>;
  /** The words before a sentence's first token and after its last. */
  readonly start: WordFeatures;
  readonly end: WordFeatures;
  private readonly words = new Map<string, WordFeatures>();
  /** Word classes by number (a closed set: compromise's tags and the suffix classes), and the "fhc:" feature of each pair. */
  private readonly classes = new Map<string, number>();
  private readonly pairs: number[][] = [];
  private readonly nests = new Map<string, Nest>();
  /** One-word shape nodes by the shape, and by the word as written; the count of all nodes. */
  private readonly shapes = new Map<string, ShapeNode>();
  private readonly shapeOfWord = new Map<string, ShapeNode>();
  private shapeNodes = 0;

  /** Per two-word prefix, the numbers of its features by the first word and the second (when the space was given its names). */
  private readonly twoWords: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, number>>> | undefined;

  /**
   * `names`, when given, are all the strings `id` knows (it gives the others -1): the model's
   * features. The two-word features are then found by their words, without building the string.
   */
  constructor(
    readonly id: (feature: string) => number,
    names?: Iterable<string>,
  ) {
    this.fixed = fixedOf(id);
    this.start = wordFeatures(id, "^", "^", -1);
    this.end = wordFeatures(id, "$", "$", -1);
    if (names) this.twoWords = twoWordIndex(names, id);
  }

  /** The feature prefix + a + "_" + b ("p12:the_model"). */
  twoWord(prefix: TwoWordPrefix, a: string, b: string): number {
    const index = this.twoWords?.get(prefix);
    return index ? (index.get(a)?.get(b) ?? -1) : this.id(prefix + a + "_" + b);
  }

  /** A word's features, cached unless it has a digit (numbers, sizes, versions: mostly one-off, as in tagger.ts). */
  word(lower: string): WordFeatures {
    if (DIGIT.test(lower)) return this.wordFeatures(lower);
    let w = this.words.get(lower);
    if (!w) {
      if (this.words.size >= MAX_WORDS) this.words.clear();
      this.words.set(lower, (w = this.wordFeatures(lower)));
    }
    return w;
  }

  private wordFeatures(lower: string): WordFeatures {
    const cls = wordClass(lower);
    let clsNo = this.classes.get(cls);
    if (clsNo === undefined) this.classes.set(cls, (clsNo = this.classes.size));
    return wordFeatures(this.id, lower, cls, clsNo);
  }

  /** The "fhc:" feature of a span's first and last word (their classes). */
  classPair(first: WordFeatures, last: WordFeatures): number {
    return ((this.pairs[first.clsNo] ??= [])[last.clsNo] ??= this.id(`fhc:${first.cls}_${last.cls}`));
  }

  /** What a span's neighbour is known as ("v:Model", "pwc", "gv:datasets"): that feature and its "sub:", "sup:" and "ln:" forms. */
  nest(tag: string): Nest {
    let n = this.nests.get(tag);
    if (!n) this.nests.set(tag, (n = { self: this.id(tag), sub: this.id("sub:" + tag), sup: this.id("sup:" + tag), ln: this.id("ln:" + tag) }));
    return n;
  }

  /** A word's shape as a one-word sequence (the word as written: "FlashAttention-2" is "AaAa-0"). */
  shapeOf(text: string): ShapeNode {
    let node = this.shapeOfWord.get(text);
    if (node) return node;
    if (this.shapeNodes >= MAX_SHAPES) this.clearShapes();
    const sh = shape(text);
    node = this.shapes.get(sh);
    if (!node) {
      this.shapes.set(sh, (node = { text: sh }));
      this.shapeNodes++;
    }
    if (!DIGIT.test(text)) {
      if (this.shapeOfWord.size >= MAX_WORDS) this.shapeOfWord.clear();
      this.shapeOfWord.set(text, node);
    }
    return node;
  }

  /** A sequence one word longer: the shapes of `node` and then `word`'s (a one-word node). */
  extend(node: ShapeNode, word: ShapeNode): ShapeNode {
    const next = (node.next ??= new Map());
    let longer = next.get(word);
    if (!longer) {
      next.set(word, (longer = { text: node.text + "_" + word.text }));
      this.shapeNodes++;
    }
    return longer;
  }

  shapeFeature(node: ShapeNode): number {
    return (node.feature ??= this.id("shape:" + node.text.slice(0, 20)));
  }

  private clearShapes(): void {
    this.shapes.clear();
    this.shapeOfWord.clear();
    this.shapeNodes = 0;
  }
}

/** The features of a span that depend on its first token position i: the words before it, the nearest cue to its left, whether it opens its clause. */
interface StartFeatures {
  readonly before: readonly number[];
  readonly leftCue: readonly number[];
  readonly opens: boolean;
}

/** The features of a span that depend on the position j after its last token: the words after it, the nearest cue to its right, its features as a subject. */
interface EndFeatures {
  readonly after: readonly number[];
  readonly rightCue: readonly number[];
  readonly subject: readonly number[];
}

/**
 * Features of a sentence and of each token position in it. Those of span starts and ends are
 * computed on first use and kept for the sentence's other spans: spans start at about half the
 * positions (none at a function word).
 */
interface SentenceView {
  readonly flags: readonly number[];
  /** Per token: its shape ("Aa0"), word features and TEXT bits (textBits, with gapBits of what follows it). */
  readonly shape: readonly ShapeNode[];
  readonly words: readonly WordFeatures[];
  readonly text: readonly number[];
  /** Per token: a function word or punctuation (span boundaries for "maximal"). */
  readonly boundary: readonly boolean[];
  readonly start: (i: number) => StartFeatures;
  readonly end: (j: number) => EndFeatures;
  /** The name tagger's label per token, when there is a tagger. */
  readonly tags: SentenceTags | undefined;
}

function viewOf(s: ReadSentence, reading: Reading, last: number, tags: SentenceTags | undefined, space: FeatureSpace): SentenceView {
  const { fixed } = space;
  const toks = s.tokens;
  const lw = toks.map((t) => t.lower);
  const words = lw.map((w) => space.word(w));
  const flags: number[] = [s.index === 0 ? fixed["s:title"] : s.index === 1 ? fixed["s:first"] : s.index === last ? fixed["s:last"] : fixed["s:mid"]];
  if (lw.includes("we") || lw.includes("our")) flags.push(fixed["s:we"]);
  if (s.index > 0 && reading.titleHeadKey && toks.some((t) => tokenKey(t) === reading.titleHeadKey)) flags.push(fixed["s:own"]);
  if (/\d+(\.\d+)?\s*(x|×|%|times)/.test(s.text)) flags.push(fixed["s:num"]);
  for (const c of new Set(words.map((w) => w.cue).filter((c) => c >= 0))) flags.push(fixed.cue[c]!.flag);
  const at = (q: number, edge: string) => (q >= 0 && q < lw.length ? lw[q]! : edge);
  const wordAt = (q: number, edge: WordFeatures) => (q >= 0 && q < lw.length ? words[q]! : edge);
  const leftCue = (i: number): number[] => {
    let d = 0;
    let crossed = false;
    for (let q = i - 1; q >= 0; q--) {
      const w = lw[q]!;
      if (w === "." || w === ";") break;
      if (toks[q]!.punct) {
        crossed = true;
        continue;
      }
      d++;
      const c = words[q]!.cue;
      if (c >= 0) {
        const cue = fixed.cue[c]!;
        return crossed ? [cue.lc, cue.lcAt[bucket(d)]!, words[q]!.lcw, cue.lcList] : [cue.lc, cue.lcAt[bucket(d)]!, words[q]!.lcw];
      }
      if (d > 12) break;
    }
    return [];
  };
  const rightCue = (j: number): number[] => {
    let d = 0;
    for (let q = j; q < lw.length; q++) {
      const w = lw[q]!;
      if (w === "." || w === ";" || w === ",") break;
      d++;
      const c = words[q]!.cue;
      if (c >= 0) {
        const cue = fixed.cue[c]!;
        return [cue.rc, cue.rcAt[bucket(d)]!, words[q]!.rcw];
      }
      if (d > 6) break;
    }
    return [];
  };
  const subject = (j: number): number[] => {
    // Past a parenthesised acronym or citation ("X (NIAH) is ..."), the verb follows.
    let q = j;
    if (lw[q] === "(") {
      const close = lw.indexOf(")", q);
      if (close > q && close <= q + 9) q = close + 1;
    }
    const w = wordAt(q, space.end);
    return w.cue >= 0 ? [w.subj, fixed.cue[w.cue]!.subj] : [w.subj];
  };
  const starts: Array<StartFeatures | undefined> = [];
  const ends: Array<EndFeatures | undefined> = [];
  return {
    start: (i) =>
      (starts[i] ??= {
        before: [wordAt(i - 1, space.start).p1, wordAt(i - 2, space.start).p2, space.twoWord("p12:", at(i - 2, "^"), at(i - 1, "^")), wordAt(i - 1, space.start).pc],
        leftCue: leftCue(i),
        opens: opensSentence(lw, i),
      }),
    end: (j) => {
      let e = ends[j];
      if (!e) {
        const n1 = at(j, "$");
        const after = [wordAt(j, space.end).n1, wordAt(j + 1, space.end).n2, space.twoWord("n12:", n1, at(j + 1, "$"))];
        if (n1 === "(") after.push(fixed.beforeparen);
        ends[j] = e = { after, rightCue: rightCue(j), subject: subject(j) };
      }
      return e;
    },
    tags,
    flags,
    text: toks.map((t, q) => textBits(t.text) | (q + 1 < toks.length ? gapBits(s.text.slice(t.end, toks[q + 1]!.start)) : 0)),
    shape: toks.map((t) => space.shapeOf(t.text)),
    words,
    boundary: toks.map((t) => t.punct || STOP.has(t.lower)),
  };
}

/**
 * What a token's text shows, and the characters between it and the next token, one bit each: a
 * span's text shows it when one of its tokens or inner gaps does. A regular expression per
 * occurrence over its text was a tenth of the span features' time. Letters and digits are always
 * inside tokens (the tokeniser's words are maximal), but for the "s" of a possessive it drops, so a
 * digit or a lower-case letter before a capital is never in a gap, and text === text.toLowerCase()
 * holds of a text when it holds of each of its pieces.
 */
const TEXT = { digit: 1, camel: 2, letter: 4, cased: 8, upperFirst: 16, lowerFirst: 32, gapLetter: 64, gapCased: 128 };
const TOKEN_BITS = TEXT.gapLetter - 1;

function textBits(t: string): number {
  return (
    (/\p{N}/u.test(t) ? TEXT.digit : 0) |
    (/\p{Ll}\p{Lu}/u.test(t) ? TEXT.camel : 0) |
    (/\p{L}/u.test(t) ? TEXT.letter : 0) |
    (t !== t.toLowerCase() ? TEXT.cased : 0) |
    (/^\p{Lu}/u.test(t) ? TEXT.upperFirst : 0) |
    (/^\p{Ll}/u.test(t) ? TEXT.lowerFirst : 0)
  );
}

function gapBits(gap: string): number {
  return (/\p{L}/u.test(gap) ? TEXT.gapLetter : 0) | (gap !== gap.toLowerCase() ? TEXT.gapCased : 0);
}

function occurrenceFeatures(o: Occurrence, view: SentenceView, reading: Reading, out: FeatureSink): void {
  const { fixed } = out.space;
  const toks = o.sentence.tokens;
  const text = o.text;
  const L = o.to - o.from;
  const first = view.words[o.from]!;
  const head = view.words[o.to - 1]!;
  out.add(fixed.len[Math.min(L, 5)]!);
  let shapes = view.shape[o.from]!;
  for (let q = o.from + 1; q < o.to; q++) shapes = out.space.extend(shapes, view.shape[q]!);
  out.add(out.space.shapeFeature(shapes));
  out.add(first.fw);
  out.add(head.hw);
  out.add(head.hc);
  if (L > 1) out.add(head.hw2);
  // Word endings and classes generalise to words no training paper had ("-tion", "-ing").
  out.add(first.fsuf);
  out.add(first.fc);
  out.add(head.hsuf);
  if (L > 1) out.add(out.space.classPair(first, head));
  let bits = view.text[o.to - 1]! & TOKEN_BITS;
  for (let q = o.from; q < o.to - 1; q++) bits |= view.text[q]!;
  if (bits & TEXT.digit) out.add(fixed.digit);
  if (bits & TEXT.camel) out.add(fixed.camel);
  if (L === 1 && /^[A-Z]{2,}s?$/.test(text)) out.add(fixed.acro);
  if (!(bits & (TEXT.cased | TEXT.gapCased)) && bits & (TEXT.letter | TEXT.gapLetter)) out.add(fixed.lower);
  if (view.text[o.from]! & TEXT.upperFirst) out.add(fixed.cap1);
  if (!(bits & TEXT.lowerFirst)) out.add(fixed.allcap);
  if (text.includes("-")) out.add(fixed.hyph);
  const start = view.start(o.from);
  const end = view.end(o.to);
  for (const f of start.before) out.add(f);
  for (const f of end.after) out.add(f);
  if ((o.from === 0 || view.boundary[o.from - 1]) && (o.to === toks.length || view.boundary[o.to])) out.add(fixed.maximal);
  if (o.from > 0 && toks[o.from - 1]!.lower === "(" && o.to < toks.length && toks[o.to]!.lower === ")") out.add(fixed.paren);
  for (const f of start.leftCue) out.add(f);
  for (const f of end.rightCue) out.add(f);
  for (const f of view.flags) out.add(f);
  if (start.opens) for (const f of end.subject) out.add(f);
  if (view.tags) tagFeatures(view.tags, o.from, o.to, out);
  if (o.sentence.index === 0) {
    out.add(fixed.intitle);
    if (reading.titleHead && text === reading.titleHead) out.add(fixed.titlehead);
    else if (reading.titleHead && reading.titleHead.includes(text)) out.add(fixed.intitlehead);
  }
}

const TAG_LETTER = ["o", "b", "i", "$"];
/** "tge:" and the tagger's letters of a span's first and last token and of the token after it, by first * 16 + last * 4 + next. */
const TGE = Array.from({ length: 64 }, (_, k) => `tge:${TAG_LETTER[k >> 4]}${TAG_LETTER[(k >> 2) & 3]}${TAG_LETTER[k & 3]}`);
const MARGIN = ["tgm:5", "tgm:10", "tgm:20", "tgm:40", "tgm:far"];

/** How much less than the tagger's best a span scores as a name, in buckets of the perceptron's score scale. */
function marginBucket(m: number): number {
  return m >= -5 ? 0 : m >= -10 ? 1 : m >= -20 ? 2 : m >= -40 ? 3 : 4;
}

/**
 * How a span sits against the names the tagger marked in its sentence: exactly one of them, inside
 * one (sharing its start or end or neither), covering one with more words, across a boundary, or
 * outside every name; and the labels of its first and last token and of the token after it (an "i"
 * there means the tagger's name goes on: "GPU" of "GPU memory").
 */
function tagFeatures(tagged: SentenceTags, from: number, to: number, out: FeatureSink): void {
  const { fixed } = out.space;
  const tags = tagged.labels;
  const first = tags[from]!;
  const next = to < tags.length ? tags[to]! : 3;
  let outside = 0;
  let begins = 0;
  for (let q = from; q < to; q++) {
    if (tags[q] === O) outside++;
    else if (tags[q] === B && q > from) begins++;
  }
  const exact = outside === 0 && begins === 0 && first === B && next !== I;
  let where: number;
  if (outside === to - from) where = fixed["tg:o"];
  else if (outside === 0 && begins === 0) where = exact ? fixed["tg:exact"] : first === B ? fixed["tg:in:s"] : next !== I ? fixed["tg:in:e"] : fixed["tg:in:mid"];
  else if (first !== I && next !== I) where = fixed["tg:cover"];
  else where = fixed["tg:cross"];
  out.add(where);
  if (!exact) out.add(fixed.margin[marginBucket(tagged.margin(from, to))]!);
  out.add(fixed.tge[first * 16 + tags[to - 1]! * 4 + next]!);
}

const LEN = ["len:0", "len:1", "len:2", "len:3", "len:4", "len:5"];

/** How a title is matched against the introducing papers of the Papers with Code list: letters and digits only. */
export function originKey(title: string): string {
  return title.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** The vocabulary entry of a key, unless cross-validation hides it from this paper. */
function vocabularyOf(key: string, ctx: FeatureContext) {
  return ctx.hiddenVocabulary?.has(key) ? undefined : VOCAB.get(key);
}

/** What other annotated papers said of a key: its lexicon row less this paper's own contribution. */
function lexiconRowOf(key: string, ctx: FeatureContext): LexiconRow | undefined {
  const row = ctx.lexicon.get(key);
  const own = row && ctx.own?.get(key);
  return own ? row.map((v, i) => v - (own[i] ?? 0)) : row;
}

/** The lexicon features of a key: which roles other annotated papers gave it, and how often. */
function lexiconFeatures(key: string, ctx: FeatureContext, out: FeatureSink): void {
  const c = lexiconRowOf(key, ctx);
  if (!c || !FACT_KINDS.some((_, f) => c[f + 1]! > 0)) return;
  const { fixed } = out.space;
  const n = Math.max(c[0]!, 1);
  FACT_KINDS.forEach((_, f) => {
    const v = c[f + 1]!;
    if (v > 0) out.add(fixed.gv[f]!);
    if (v / n >= 0.5) out.add(fixed.gvhi[f]!);
  });
  out.add(fixed.gvseen);
}

/** What is known of a key, as features of a span nested in it ("sub:...") and of one around it ("sup:..."). */
function nestTags(key: string, ctx: FeatureContext, space: FeatureSpace): Nest[] {
  const tags: Nest[] = [];
  const v = vocabularyOf(key, ctx);
  if (v) tags.push(space.nest(v.feature));
  if (ctx.pwc.has(key)) tags.push(space.nest("pwc"));
  const row = lexiconRowOf(key, ctx);
  FACT_KINDS.forEach((kind, f) => {
    if (row && row[f + 1]! > 0) tags.push(space.nest(GV[f]!));
  });
  return tags;
}

const GV = FACT_KINDS.map((kind) => "gv:" + kind);

const LIST = new Set([",", "and", "or"]);

/** The spans next to an occurrence across a list separator ("A, B and C"): every span starting right after it or ending right before it. */
function listNeighbours(o: Occurrence, visit: (from: number, to: number) => void): void {
  const toks = o.sentence.tokens;
  if (o.to < toks.length && LIST.has(toks[o.to]!.lower)) {
    let from = o.to + 1;
    if (from < toks.length && toks[o.to]!.lower === "," && LIST.has(toks[from]!.lower)) from++;
    for (let to = from + 1; to <= Math.min(toks.length, from + MAX_SPAN); to++) visit(from, to);
  }
  if (o.from > 0 && LIST.has(toks[o.from - 1]!.lower)) {
    let to = o.from - 1;
    if (to > 0 && toks[to]!.lower !== "," && toks[to - 1]!.lower === ",") to--;
    for (let from = Math.max(0, to - MAX_SPAN); from < to; from++) visit(from, to);
  }
}

/** Candidate index of every span of a reading, by sentence and token range. */
export type SpanIndex = ReadonlyArray<ReadonlyMap<number, number>>;

const spanId = (from: number, to: number) => from * 1024 + to;

export function spanIndex(reading: Reading): SpanIndex {
  const out = reading.sentences.map(() => new Map<number, number>());
  reading.candidates.forEach((c, i) => {
    for (const o of c.occurrences) out[o.sentence.index]!.set(spanId(o.from, o.to), i);
  });
  return out;
}

/** How often a key occurs as a phrase in the Papers with Code method descriptions: technical terms do. */
function termBucket(n: number): number {
  return n === 0 ? 0 : n < 3 ? 1 : n < 10 ? 2 : n < 30 ? 3 : 4;
}

/**
 * Writes the features of every candidate of a reading, in candidate order, into `out`. `partners`
 * maps an acronym's key to its expansion's and back (facts.acronymPartners).
 */
export function writeFeatures(reading: Reading, ctx: FeatureContext, partners: ReadonlyMap<string, string>, out: FeatureSink, spans = spanIndex(reading)): void {
  const last = reading.sentences.length - 1;
  const { fixed } = out.space;
  const views = reading.sentences.map((s, i) => viewOf(s, reading, last, ctx.tags?.[i], out.space));
  const tags: Array<ReturnType<typeof nestTags> | undefined> = [];
  // Methods the Papers with Code list says this very paper introduced (its title is their paper's).
  const origin = new Set(ctx.origins.get(originKey(reading.paper.title)) ?? []);
  // What is known of the spans one word longer ("sup") or shorter ("sub") than an occurrence.
  const nested = (at: ReadonlyMap<number, number>, rel: "sub" | "sup" | "ln", from: number, to: number) => {
    const k = at.get(spanId(from, to));
    if (k === undefined) return;
    for (const t of (tags[k] ??= nestTags(reading.candidates[k]!.key, ctx, out.space))) out.add(t[rel]);
  };
  reading.candidates.forEach((c: Candidate, i) => {
    out.begin(i);
    for (const o of c.occurrences) {
      occurrenceFeatures(o, views[o.sentence.index]!, reading, out);
      const at = spans[o.sentence.index]!;
      if (o.from > 0) nested(at, "sup", o.from - 1, o.to);
      nested(at, "sup", o.from, o.to + 1);
      if (o.to - o.from > 1) {
        nested(at, "sub", o.from + 1, o.to);
        nested(at, "sub", o.from, o.to - 1);
      }
      listNeighbours(o, (from, to) => nested(at, "ln", from, to));
    }
    out.add(fixed.cnt[Math.min(c.occurrences.length, 4)]!);
    out.add(fixed.first[Math.min(c.occurrences[0]!.sentence.index, 3)]!);
    const partner = partners.get(c.key);
    if (partner) out.add(partner.length > c.key.length ? fixed["acr:short"] : fixed["acr:long"]);
    const v = vocabularyOf(c.key, ctx);
    if (v) {
      out.add(out.space.nest(v.feature).self);
      if (v.generic) out.add(fixed.vgen);
    }
    if (ctx.pwc.has(c.key)) out.add(fixed.pwc);
    if (origin.has(c.key)) out.add(fixed["pwc:origin"]);
    const td = termBucket(ctx.terms.get(c.key) ?? 0);
    out.add(fixed.td[td]!);
    out.add(fixed.tdLen[td]![Math.min(c.occurrences[0]!.to - c.occurrences[0]!.from, 3)]!);
    lexiconFeatures(c.key, ctx, out);
  });
}

const CNT = [0, 1, 2, 3, 4].map((n) => "cnt:" + n);
const FIRST = [0, 1, 2, 3].map((n) => "first:" + n);
/** termBucket's buckets. */
const TD_BUCKETS = ["0", "2", "3", "10", "30"];
const TD = TD_BUCKETS.map((b) => "td:" + b);
const TD_LEN = TD_BUCKETS.map((b) => [0, 1, 2, 3].map((l) => `td:${b}:${l}`));

/** The features of every candidate as sets (training). */
export function featuresOf(reading: Reading, ctx: FeatureContext, partners: ReadonlyMap<string, string>, spans = spanIndex(reading)): Set<string>[] {
  const sets = reading.candidates.map(() => new Set<string>());
  let current = sets[0]!;
  // Numbers that index the strings, for this reading only.
  const names: string[] = [];
  const ids = new Map<string, number>();
  const space = new FeatureSpace((f) => {
    let i = ids.get(f);
    if (i === undefined) ids.set(f, (i = names.push(f) - 1));
    return i;
  });
  writeFeatures(reading, ctx, partners, { space, begin: (i) => (current = sets[i]!), add: (f) => current.add(names[f]!) }, spans);
  return sets;
}

/** One lexicon row per key of a paper's candidates: [1, then 1 per fact kind whose gold names the key]. */
export function lexiconRows(reading: Reading, gold: Readonly<Record<FactKind, ReadonlySet<string>>>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const c of reading.candidates) {
    const row = [1, ...FACT_KINDS.map((k) => (gold[k].has(c.key) ? 1 : 0))];
    out.set(c.key, row);
  }
  return out;
}
