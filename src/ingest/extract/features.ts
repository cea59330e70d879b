// Stage 2 of extraction: what the classifiers see of a candidate. Every feature is a string
// ("lc:cmp:1" = a comparison cue one word to the left); a candidate's features are the union
// over its occurrences plus paper-level ones (count, first sentence) and what other papers said
// of the same key (the lexicon). What used to be rules (cue words, "we propose", the title's
// head, vocabulary kind and genericity) are features here; the classifiers weigh them.
import { FACT_KINDS, type FactKind } from "../../domain";
import { MAX_SPAN, mentionKey, STOP, type Candidate, type Occurrence, type ReadSentence, type Reading } from "./candidates";
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
const CUE = new Map<string, string>();
for (const [cat, words] of CUES) for (const w of words.split(" ")) if (!CUE.has(w)) CUE.set(w, cat);

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

function bucket(d: number): string {
  return d <= 1 ? "1" : d <= 2 ? "2" : d <= 4 ? "4" : d <= 8 ? "8" : "far";
}

/**
 * Where a candidate's features go: a Set while training, the model's weight sums while extracting
 * (model.Scorer), so extraction never builds feature sets. `begin` starts the next candidate; a
 * feature added twice for one candidate counts once.
 */
export interface FeatureSink {
  begin(candidate: number): void;
  add(feature: string): void;
}

/** Features of a sentence and of each token position in it, computed once per sentence. */
interface SentenceView {
  readonly flags: readonly string[];
  /** Nearest cue to the left of each token position: features to add. */
  readonly leftCue: ReadonlyArray<readonly string[]>;
  /** Nearest cue right of a span ending before position j. */
  readonly rightCue: ReadonlyArray<readonly string[]>;
  /** Per token: its shape ("Aa0"), and the features it gives as a span's first or last word. */
  readonly shape: readonly string[];
  readonly first: readonly string[];
  readonly head: ReadonlyArray<readonly string[]>;
  /** Per token: its word class, and the ending / class features it gives as a span's first or last word. */
  readonly cls: readonly string[];
  readonly affix: ReadonlyArray<{ readonly first: readonly string[]; readonly last: readonly string[] }>;
  /** Per span start i: words before it; per span end j: words after it. */
  readonly before: ReadonlyArray<readonly string[]>;
  readonly after: ReadonlyArray<readonly string[]>;
  /** Per token: a function word or punctuation (span boundaries for "maximal"). */
  readonly boundary: readonly boolean[];
  /** Per span start i: the span opens its sentence or clause (opensSentence). */
  readonly opens: readonly boolean[];
  /** Per span end j: a subject's features, the word after it and that word's cue category. */
  readonly subject: ReadonlyArray<readonly string[]>;
  /** The name tagger's label per token, when there is a tagger. */
  readonly tags: SentenceTags | undefined;
}

function viewOf(s: ReadSentence, reading: Reading, last: number, tags: SentenceTags | undefined): SentenceView {
  const toks = s.tokens;
  const lw = toks.map((t) => t.lower);
  const cls = lw.map(wordClass);
  const flags: string[] = [s.index === 0 ? "s:title" : s.index === 1 ? "s:first" : s.index === last ? "s:last" : "s:mid"];
  if (lw.includes("we") || lw.includes("our")) flags.push("s:we");
  if (s.index > 0 && reading.titleHeadKey && toks.some((t) => mentionKey(t.text) === reading.titleHeadKey)) flags.push("s:own");
  if (/\d+(\.\d+)?\s*(x|×|%|times)/.test(s.text)) flags.push("s:num");
  for (const c of new Set(lw.map((w) => CUE.get(w)).filter((c): c is string => c !== undefined))) flags.push("s:cue:" + c);
  const leftCue: string[][] = [];
  for (let i = 0; i < lw.length; i++) {
    const out: string[] = [];
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
      const c = CUE.get(w);
      if (c) {
        out.push("lc:" + c, `lc:${c}:${bucket(d)}`, "lcw:" + w);
        if (crossed) out.push(`lc:${c}:list`);
        break;
      }
      if (d > 12) break;
    }
    leftCue.push(out);
  }
  const rightCue: string[][] = [];
  for (let j = 0; j <= lw.length; j++) {
    const out: string[] = [];
    let d = 0;
    for (let q = j; q < lw.length; q++) {
      const w = lw[q]!;
      if (w === "." || w === ";" || w === ",") break;
      d++;
      const c = CUE.get(w);
      if (c) {
        out.push("rc:" + c, `rc:${c}:${bucket(d)}`, "rcw:" + w);
        break;
      }
      if (d > 6) break;
    }
    rightCue.push(out);
  }
  const at = (q: number, edge: string) => (q >= 0 && q < lw.length ? lw[q]! : edge);
  const before: string[][] = [];
  const after: string[][] = [];
  for (let i = 0; i <= lw.length; i++) {
    const p1 = at(i - 1, "^");
    const p2 = at(i - 2, "^");
    before.push(["p1:" + p1, "p2:" + p2, `p12:${p2}_${p1}`, "pc:" + (i === 0 ? "^" : cls[i - 1]!)]);
    const n1 = at(i, "$");
    const n2 = at(i + 1, "$");
    after.push(["n1:" + n1, "n2:" + n2, `n12:${n1}_${n2}`, ...(n1 === "(" ? ["beforeparen"] : [])]);
  }
  const subject: string[][] = [];
  for (let j = 0; j <= lw.length; j++) {
    // Past a parenthesised acronym or citation ("X (NIAH) is ..."), the verb follows.
    let q = j;
    if (lw[q] === "(") {
      const close = lw.indexOf(")", q);
      if (close > q && close <= q + 9) q = close + 1;
    }
    const w = q < lw.length ? lw[q]! : "$";
    const c = CUE.get(w);
    subject.push(c ? ["subj:" + w, "subj:cue:" + c] : ["subj:" + w]);
  }
  return {
    opens: lw.map((_, i) => opensSentence(lw, i)),
    subject,
    tags,
    flags,
    leftCue,
    rightCue,
    shape: toks.map((t) => shape(t.text)),
    first: lw.map((w) => "fw:" + w),
    head: lw.map((w, i) => ["hw:" + w, "hc:" + cls[i]!]),
    cls,
    affix: lw.map((w, i) => ({ first: ["fsuf:" + w.slice(-3), "fc:" + cls[i]!], last: ["hsuf:" + w.slice(-3)] })),
    before,
    after,
    boundary: toks.map((t) => t.punct || STOP.has(t.lower)),
  };
}

function occurrenceFeatures(o: Occurrence, view: SentenceView, reading: Reading, out: FeatureSink): void {
  const toks = o.sentence.tokens;
  const text = o.text;
  const L = o.to - o.from;
  out.add(LEN[Math.min(L, 5)]!);
  let shapes = view.shape[o.from]!;
  for (let q = o.from + 1; q < o.to; q++) shapes += "_" + view.shape[q]!;
  out.add("shape:" + shapes.slice(0, 20));
  out.add(view.first[o.from]!);
  for (const f of view.head[o.to - 1]!) out.add(f);
  if (L > 1) out.add("hw2:" + toks[o.to - 1]!.lower);
  // Word endings and classes generalise to words no training paper had ("-tion", "-ing").
  for (const f of view.affix[o.from]!.first) out.add(f);
  for (const f of view.affix[o.to - 1]!.last) out.add(f);
  if (L > 1) out.add(`fhc:${view.cls[o.from]}_${view.cls[o.to - 1]}`);
  if (/\p{N}/u.test(text)) out.add("digit");
  if (/\p{Ll}\p{Lu}/u.test(text)) out.add("camel");
  if (L === 1 && /^[A-Z]{2,}s?$/.test(text)) out.add("acro");
  if (text === text.toLowerCase() && /\p{L}/u.test(text)) out.add("lower");
  if (/^\p{Lu}/u.test(text)) out.add("cap1");
  let allCap = true;
  for (let q = o.from; q < o.to && allCap; q++) allCap = !/^\p{Ll}/u.test(toks[q]!.text);
  if (allCap) out.add("allcap");
  if (text.includes("-")) out.add("hyph");
  for (const f of view.before[o.from]!) out.add(f);
  for (const f of view.after[o.to]!) out.add(f);
  if ((o.from === 0 || view.boundary[o.from - 1]) && (o.to === toks.length || view.boundary[o.to])) out.add("maximal");
  if (o.from > 0 && toks[o.from - 1]!.lower === "(" && o.to < toks.length && toks[o.to]!.lower === ")") out.add("paren");
  for (const f of view.leftCue[o.from]!) out.add(f);
  for (const f of view.rightCue[o.to]!) out.add(f);
  for (const f of view.flags) out.add(f);
  if (view.opens[o.from]) for (const f of view.subject[o.to]!) out.add(f);
  if (view.tags) tagFeatures(view.tags, o.from, o.to, out);
  if (o.sentence.index === 0) {
    out.add("intitle");
    if (reading.titleHead && text === reading.titleHead) out.add("titlehead");
    else if (reading.titleHead && reading.titleHead.includes(text)) out.add("intitlehead");
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
  const tags = tagged.labels;
  const first = tags[from]!;
  const next = to < tags.length ? tags[to]! : 3;
  let outside = 0;
  let begins = 0;
  for (let q = from; q < to; q++) {
    if (tags[q] === O) outside++;
    else if (tags[q] === B && q > from) begins++;
  }
  let where: string;
  if (outside === to - from) where = "tg:o";
  else if (outside === 0 && begins === 0) where = first === B && next !== I ? "tg:exact" : first === B ? "tg:in:s" : next !== I ? "tg:in:e" : "tg:in:mid";
  else if (first !== I && next !== I) where = "tg:cover";
  else where = "tg:cross";
  out.add(where);
  if (where !== "tg:exact") out.add(MARGIN[marginBucket(tagged.margin(from, to))]!);
  out.add(TGE[first * 16 + tags[to - 1]! * 4 + next]!);
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
  const n = Math.max(c[0]!, 1);
  FACT_KINDS.forEach((kind, f) => {
    const v = c[f + 1]!;
    if (v > 0) out.add("gv:" + kind);
    if (v / n >= 0.5) out.add("gvhi:" + kind);
  });
  out.add("gvseen");
}

/** What is known of a key, as features of a span nested in it ("sub:...") and of one around it ("sup:..."). */
function nestTags(key: string, ctx: FeatureContext): { readonly sub: readonly string[]; readonly sup: readonly string[]; readonly ln: readonly string[] } {
  const tags: string[] = [];
  const v = vocabularyOf(key, ctx);
  if (v) tags.push(v.feature);
  if (ctx.pwc.has(key)) tags.push("pwc");
  const row = lexiconRowOf(key, ctx);
  FACT_KINDS.forEach((kind, f) => {
    if (row && row[f + 1]! > 0) tags.push("gv:" + kind);
  });
  return { sub: tags.map((t) => "sub:" + t), sup: tags.map((t) => "sup:" + t), ln: tags.map((t) => "ln:" + t) };
}

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
function termBucket(n: number): string {
  return n === 0 ? "0" : n < 3 ? "2" : n < 10 ? "3" : n < 30 ? "10" : "30";
}

/**
 * Writes the features of every candidate of a reading, in candidate order, into `out`. `partners`
 * maps an acronym's key to its expansion's and back (facts.acronymPartners).
 */
export function writeFeatures(reading: Reading, ctx: FeatureContext, partners: ReadonlyMap<string, string>, out: FeatureSink, spans = spanIndex(reading)): void {
  const last = reading.sentences.length - 1;
  const views = reading.sentences.map((s, i) => viewOf(s, reading, last, ctx.tags?.[i]));
  const tags: Array<ReturnType<typeof nestTags> | undefined> = [];
  // Methods the Papers with Code list says this very paper introduced (its title is their paper's).
  const origin = new Set(ctx.origins.get(originKey(reading.paper.title)) ?? []);
  // What is known of the spans one word longer ("sup") or shorter ("sub") than an occurrence.
  const nested = (at: ReadonlyMap<number, number>, rel: "sub" | "sup" | "ln", from: number, to: number) => {
    const k = at.get(spanId(from, to));
    if (k === undefined) return;
    for (const f of (tags[k] ??= nestTags(reading.candidates[k]!.key, ctx))[rel]) out.add(f);
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
    out.add(CNT[Math.min(c.occurrences.length, 4)]!);
    out.add(FIRST[Math.min(c.occurrences[0]!.sentence.index, 3)]!);
    const partner = partners.get(c.key);
    if (partner) out.add(partner.length > c.key.length ? "acr:short" : "acr:long");
    const v = vocabularyOf(c.key, ctx);
    if (v) {
      out.add(v.feature);
      if (v.generic) out.add("vgen");
    }
    if (ctx.pwc.has(c.key)) out.add("pwc");
    if (origin.has(c.key)) out.add("pwc:origin");
    const td = termBucket(ctx.terms.get(c.key) ?? 0);
    out.add(TD[td]!);
    out.add(TD_LEN[td]![Math.min(c.occurrences[0]!.to - c.occurrences[0]!.from, 3)]!);
    lexiconFeatures(c.key, ctx, out);
  });
}

const CNT = [0, 1, 2, 3, 4].map((n) => "cnt:" + n);
const FIRST = [0, 1, 2, 3].map((n) => "first:" + n);
const TD_BUCKETS = ["0", "2", "3", "10", "30"] as const;
const TD = Object.fromEntries(TD_BUCKETS.map((b) => [b, "td:" + b])) as Record<string, string>;
const TD_LEN = Object.fromEntries(TD_BUCKETS.map((b) => [b, [0, 1, 2, 3].map((l) => `td:${b}:${l}`)])) as Record<string, string[]>;

/** The features of every candidate as sets (training). */
export function featuresOf(reading: Reading, ctx: FeatureContext, partners: ReadonlyMap<string, string>, spans = spanIndex(reading)): Set<string>[] {
  const sets = reading.candidates.map(() => new Set<string>());
  let current = sets[0]!;
  writeFeatures(reading, ctx, partners, { begin: (i) => (current = sets[i]!), add: (f) => current.add(f) }, spans);
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
