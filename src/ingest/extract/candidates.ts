// Stage 1 of extraction: every span a name could be. A paper is read as sentences (title first),
// each sentence as word tokens with offsets; a candidate is any run of 1..MAX_SPAN tokens inside
// one clause that neither starts nor ends with a function word. Spans with the same key (the
// scorer's normalisation: case, punctuation, plural and a trailing generic word ignored) are one
// candidate with all their occurrences. On the gold data, 99% of annotated names are such spans.
import type { Paper } from "../../domain";
import { splitSentences, type Sentence } from "./sentences";

export const MAX_SPAN = 4;

export interface Token {
  /** As written, a possessive "'s" dropped. */
  readonly text: string;
  readonly lower: string;
  /** Offsets in the sentence text. */
  readonly start: number;
  readonly end: number;
  readonly punct: boolean;
  /** Letters and digits of the word, lower case: its part of a key. */
  readonly norm: string;
}

export interface ReadSentence extends Sentence {
  /** 0 is the title; the abstract's sentences follow. */
  readonly index: number;
  readonly tokens: readonly Token[];
}

export interface Occurrence {
  readonly sentence: ReadSentence;
  /** Token range [from, to) in the sentence. */
  readonly from: number;
  readonly to: number;
  /** The span as written ("TPU v4", "Llama-3.1-8B-Instruct"). */
  readonly text: string;
}

export interface Candidate {
  readonly key: string;
  readonly occurrences: Occurrence[];
}

export interface Reading {
  readonly paper: Paper;
  readonly sentences: readonly ReadSentence[];
  /** Candidates in order of first occurrence. */
  readonly candidates: readonly Candidate[];
  /** Key of the title's head ("FlashAttention" of "FlashAttention: Fast ..."), when the title has one. */
  readonly titleHeadKey: string | null;
  readonly titleHead: string | null;
}

/** Function words: a name neither starts nor ends with one ("the KV cache of" is not a name). */
export const STOP = new Set(
  `a an the of for to in on with by from and or as at is are was were be been being this that these those which who whom whose we our us it its their they them he she his her than then via into onto over under between among across through during without within while when where how what why not no nor but so such can could may might will would shall should must do does did has have had also both either neither each every all any some more most less least very much many few several other another same new novel proposed propose proposes introduce introduces present presents show shows achieve achieves up about only just even however thus therefore hence further furthermore moreover i.e e.g etc per`.split(
    /\s+/,
  ),
);

const GENERIC_WORDS = "model|models|method|methods|framework|frameworks|system|systems|technique|techniques|algorithm|algorithms|approach|benchmark|benchmarks|dataset|datasets|architecture|mechanism";
const GENERIC_TAIL = new RegExp(String.raw`\s+(${GENERIC_WORDS})$`);
const GENERIC = new Set(GENERIC_WORDS.split("|"));

/** The scorer's key (shared/eval/score.mjs): names that give the same key are the same mention. */
export function mentionKey(s: string): string {
  let t = s.toLowerCase().trim();
  for (let i = 0; i < 2; i++) t = t.replace(GENERIC_TAIL, "");
  return withoutPlural(t.replace(/[^\p{L}\p{N}]+/gu, ""));
}

function withoutPlural(t: string): string {
  return t.endsWith("s") && t.length > 3 ? t.slice(0, -1) : t;
}

/** mentionKey of one token's text, from its letters and digits: a token holds no space, so it has no generic tail. */
export function tokenKey(t: Token): string {
  return withoutPlural(t.norm);
}

// A word keeps inner hyphens, dots, slashes, apostrophes and plus signs ("A100-80GB", "Qwen2.5",
// "C++"); clause punctuation is a token of its own; a full stop only before a space or the end.
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}_\-.'’/+]*[\p{L}\p{N}])?\+*|[,;:()[\]"“”]|\.(?=\s|$)/gu;
const PUNCT = new Set([",", ";", ":", "(", ")", "[", "]", '"', "“", "”", "."]);

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let word = m[0];
    const start = m.index!;
    const possessive = /['’]s$/.exec(word);
    if (possessive && word.length > 2) word = word.slice(0, -2);
    const lower = word.toLowerCase();
    out.push({ text: word, lower, start, end: start + word.length, punct: PUNCT.has(word), norm: lower.replace(/[^\p{L}\p{N}]+/gu, "") });
  }
  return out;
}

function readSentences(paper: Paper): ReadSentence[] {
  const all = [...splitSentences(paper.title, "title").slice(0, 1), ...splitSentences(paper.abstract, "abstract")];
  if (all.length === 0 || all[0]!.field !== "title") all.unshift({ field: "title", text: paper.title, start: 0, end: paper.title.length });
  return all.map((s, index) => ({ ...s, index, tokens: tokenize(s.text) }));
}

/**
 * mentionKey of a span, from its words' letters when only spaces separate them (most spans):
 * `spaced[q]` says whether only spaces come between tokens q - 1 and q.
 */
function spanKey(toks: readonly Token[], spaced: readonly boolean[], from: number, to: number, text: string): string {
  for (let q = from + 1; q < to; q++) if (!spaced[q]) return mentionKey(text);
  let end = to;
  for (let n = 0; n < 2 && end - from > 1 && GENERIC.has(toks[end - 1]!.lower); n++) end--;
  let t = "";
  for (let q = from; q < end; q++) t += toks[q]!.norm;
  return withoutPlural(t);
}

/**
 * Calls `visit` with the token range [from, to) of every span a name could be: 1..MAX_SPAN tokens
 * inside one clause, neither starting nor ending with a function word.
 */
export function forEachSpan(toks: readonly Token[], visit: (from: number, to: number) => void): void {
  for (let i = 0; i < toks.length; i++) {
    if (toks[i]!.punct || STOP.has(toks[i]!.lower)) continue;
    for (let j = i + 1; j <= Math.min(toks.length, i + MAX_SPAN); j++) {
      const last = toks[j - 1]!;
      if (last.punct) break;
      if (!STOP.has(last.lower)) visit(i, j);
    }
  }
}

export function read(paper: Paper): Reading {
  const sentences = readSentences(paper);
  const byKey = new Map<string, Candidate>();
  for (const s of sentences) {
    const toks = s.tokens;
    const spaced = toks.map((t, q) => q > 0 && /^\s+$/.test(s.text.slice(toks[q - 1]!.end, t.start)));
    forEachSpan(toks, (i, j) => {
      const text = s.text.slice(toks[i]!.start, toks[j - 1]!.end);
      const key = spanKey(toks, spaced, i, j, text);
      if (!key) return;
      let c = byKey.get(key);
      if (!c) byKey.set(key, (c = { key, occurrences: [] }));
      c.occurrences.push({ sentence: s, from: i, to: j, text });
    });
  }
  const colon = paper.title.indexOf(":");
  const titleHead = colon > 0 ? paper.title.slice(0, colon).trim() : null;
  return {
    paper,
    sentences,
    candidates: [...byKey.values()],
    titleHeadKey: titleHead ? mentionKey(titleHead) : null,
    titleHead,
  };
}
