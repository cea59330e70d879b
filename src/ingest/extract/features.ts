// Stage 2 of extraction: what the classifiers see of a candidate. Every feature is a string
// ("lc:cmp:1" = a comparison cue one word to the left); a candidate's features are the union
// over its occurrences plus paper-level ones (count, first sentence) and what other papers said
// of the same key (the lexicon). What used to be rules (cue words, "we propose", the title's
// head, vocabulary kind and genericity) are features here; the classifiers weigh them.
import { ENTRIES, FACT_KINDS, type FactKind } from "../../domain";
import { MAX_SPAN, mentionKey, STOP, tokenKey, type Candidate, type Occurrence, type ReadSentence, type Reading } from "./candidates";
import { B, I, O, type SentenceTags } from "./tagger";
import { FeatureSpace, GV, type FeatureSink, type Nest, type ShapeNode, type WordFeatures } from "./feature-space";

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

/** A cue's distance in words, as an index of feature-space's BUCKETS. */
function bucket(d: number): number {
  return d <= 1 ? 0 : d <= 2 ? 1 : d <= 4 ? 2 : d <= 8 ? 3 : 4;
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

/**
 * A figure with x, ×, % or "times" ("2.3x", "5 %"). Only the number's last digit matters, so the
 * pattern starts there: /\d+(\.\d+)?\s*x/ said the same and retried every digit of a run as the
 * start of a number, quadratic in the run's length (a 19,000-digit run took 0.45 s).
 */
const STATES_FIGURE = /\d\s*(?:x|×|%|times)/;

function viewOf(s: ReadSentence, reading: Reading, last: number, tags: SentenceTags | undefined, space: FeatureSpace): SentenceView {
  const { fixed } = space;
  const toks = s.tokens;
  const lw = toks.map((t) => t.lower);
  const words = lw.map((w) => space.word(w));
  const flags: number[] = [s.index === 0 ? fixed["s:title"] : s.index === 1 ? fixed["s:first"] : s.index === last ? fixed["s:last"] : fixed["s:mid"]];
  if (lw.includes("we") || lw.includes("our")) flags.push(fixed["s:we"]);
  if (s.index > 0 && reading.titleHeadKey && toks.some((t) => tokenKey(t) === reading.titleHeadKey)) flags.push(fixed["s:own"]);
  if (STATES_FIGURE.test(s.text)) flags.push(fixed["s:num"]);
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
