// The numbers of extraction's features. A feature is a string ("lc:cmp:1" = a comparison cue one
// word to the left, features.ts), and a FeatureSpace numbers the strings: while extracting, a number
// is the feature's weight row in the model (model.Scorer); while training, an index of the strings.
// Whatever does not depend on the text (the fixed features, each word's features, the shapes of
// word sequences) is numbered once per space rather than per occurrence.
import { FACT_KINDS } from "../../domain";
import { wordClass } from "./nlp";
import { shape } from "./tagger";

// The names of the features whose strings do not depend on the text; fixedOf numbers them once per space.

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

/** The distance buckets of a cue (features.bucket gives the index). */
const BUCKETS = ["1", "2", "4", "8", "far"];

const TAG_LETTER = ["o", "b", "i", "$"];
/** "tge:" and the tagger's letters of a span's first and last token and of the token after it, by first * 16 + last * 4 + next. */
const TGE = Array.from({ length: 64 }, (_, k) => `tge:${TAG_LETTER[k >> 4]}${TAG_LETTER[(k >> 2) & 3]}${TAG_LETTER[k & 3]}`);
const MARGIN = ["tgm:5", "tgm:10", "tgm:20", "tgm:40", "tgm:far"];

const LEN = ["len:0", "len:1", "len:2", "len:3", "len:4", "len:5"];

export const GV = FACT_KINDS.map((kind) => "gv:" + kind);

const CNT = [0, 1, 2, 3, 4].map((n) => "cnt:" + n);
const FIRST = [0, 1, 2, 3].map((n) => "first:" + n);
/** features.termBucket's buckets. */
const TD_BUCKETS = ["0", "2", "3", "10", "30"];
const TD = TD_BUCKETS.map((b) => "td:" + b);
const TD_LEN = TD_BUCKETS.map((b) => [0, 1, 2, 3].map((l) => `td:${b}:${l}`));

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
export interface WordFeatures {
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
export interface Nest {
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
export interface ShapeNode {
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
