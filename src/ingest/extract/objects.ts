// The object of a comparison cue as a list of noun phrases, chunked over compromise's
// part-of-speech tags (nlp.ts): "outperform [BM25] by 44%, [a plainly trained DR] by 19%, and
// [the previous best DR model] by 5%", "compared to state-of-the-art systems like [vLLM]",
// "than [previous DR models] that use [brute-force search]". Pure: text in, spans out.
import { tagTerms, type Span, type Term } from "./nlp";

/** Words that open the list again after a skipped "by 44%" or "on GLUE". */
const REOPEN = /^(?:over|than|versus|vs\.?|against|to|with)$/i;
/** "systems like X", "methods such as X", "baselines including X": the examples are the objects. */
const EXAMPLES = /^(?:like|including|e\.g\.?|especially|namely)$/i;
/** Heads that only say "some kind of thing": "models that use X" compares to X. */
const KIND_HEAD = /^(?:models?|methods?|approaches|approach|systems?|solutions?|techniques?|baselines?|works?|frameworks?|designs?|pipelines?|retrievers?|engines?|implementations?)$/i;
/** Verbs of a relative clause whose object is what the comparison is about. */
const REL_VERB = /^(?:use|uses|rely|relies|employ|employs|adopt|adopts|re-rank|rerank|perform|performs|apply|applies)$/i;
/** Leading words dropped from an object: articles, possessives and praise. */
const LEAD = /^(?:the|a|an|its|their|our|his|her|this|these|those|that|other|several|many|most|all|both|various|some|such|SOTA|state-of-the-art|current|currently|widely-used|popular|strong|competitive|recent|leading|traditional|well-known|commonly-used|representative|respective|same)$/i;
/** Heads that name a measure, not a thing compared against. */
const MEASURE = /^(?:throughput|latency|latencies|accuracy|speed|speedups?|performance|quality|memory|cost|costs|time|efficiency|overhead|footprint|size|energy|power|bandwidth|utilization|results?|scores?|perplexity|points?|margin|gains?|improvements?|reduction|orders?|magnitude|times|factor|parameters|baseline|baselines|ones|counterparts|others|work|works|methods|models|approaches|systems|solutions|techniques|alternatives|settings?|cases?|tasks?|data|number|amount|level|terms|way|fraction|percent)$/i;

/** Capitals or an inner hyphen: a name or a compound modifier, whatever the tagger guessed ("Accelerate", "GPU-only"). */
const nameLike = (t: Term) => /\p{Lu}/u.test(t.text) || /\p{L}-\p{L}/u.test(t.text);
const isNounish = (t: Term): boolean => t.tags.has("Noun") || t.tags.has("Adjective") || t.tags.has("Acronym") || t.tags.has("ProperNoun") || t.tags.has("Hyphenated") || nameLike(t);
const isNumber = (t: Term) => t.tags.has("Value") || /^\d/.test(t.text);
const isVerb = (t: Term) => t.tags.has("Verb") && !t.tags.has("Gerund") && !t.tags.has("PastTense") && !t.tags.has("Noun") && !nameLike(t);

/** Evaluative modifiers: "existing approaches", "previous methods" name no particular thing. */
const EVAL = /^(?:previous|prior|existing|conventional|comparable|optimized|proprietary|other|different|traditional|standard|original|vanilla|classical|baseline|common|popular|strong|competitive|recent|current|many|most|cutting-edge|various|every|any|similar|alternative|typical|naive|simple|simpler|larger|smaller|complex|powerful|best|state-of-the-art|sota|same|underlying|well-established|widely-used|mainstream|prevailing|dominant|naïve)$/i;
/** Plural or singular "kind" heads that need a distinctive modifier. */
const GENERIC_HEAD = /^(?:models?|methods?|approach(?:es)?|systems?|solutions?|techniques?|baselines?|works?|frameworks?|networks?|counterparts?|alternatives?|strategies|strategy|methodolog(?:y|ies)|designs?|pipelines?|implementations?|architectures?|algorithms?|tools?|variants?|ones?)$/i;
/** Heads of a lower-case phrase that names a method rather than data or a measure. */
const METHOD_HEAD = /^(?:models?|methods?|approach(?:es)?|systems?|solutions?|techniques?|baselines?|frameworks?|networks?|counterparts?|strategies|strategy|methodolog(?:y|ies)|designs?|pipelines?|architectures?|algorithms?|instances|search|attention|parallelism|retrieval|sampling|encoding|decoding|trees?|kernels?|caches?|cache|recurrence|transformers?|hypernetworks|retriever|re-?ranker|encoder|decoder|index(?:es)?|(?:[\p{L}\-]+(?:ing|tion|sion|ers|ors|izer|izers)))$/iu;
/** Words that end an object phrase whatever the tagger says. */
const STOP = /^(?:under|on|in|at|for|across|with|without|from|by|of|to|within|via|using|when|while|due|alone|solely|only|respectively|that|which|who|whose|where|because|since|as|and|or|but|while|even|both|either|each|per|into|onto|during|after|before|until|among|between|through|than|over)$/i;
const VENDOR = /^(?:NVIDIA|Nvidia|AMD|ARM|Intel|Google|Meta|Microsoft|Apple|Huawei|Amazon|AWS|Alibaba|IBM|Qualcomm|OpenAI|Anthropic|Baidu|Tencent|ByteDance)$/;
const SOTA = /^(?:SOTA|state-of-the-art)$/i;

/**
 * An object phrase cleaned and judged: leading articles and praise dropped ("the current
 * state-of-the-art AutoML systems" -> "AutoML systems"), an evaluative word before a bare name
 * too ("previous EMO-5M" -> "EMO-5M"); rejected when it names a measure, data, or nothing in
 * particular ("existing approaches", "10K tokens"). Null when rejected.
 */
export function cleanObject(words: readonly Term[]): Span | null {
  let kept = [...words];
  const sota = kept.findIndex((t) => SOTA.test(t.text));
  if (sota >= 0 && sota < kept.length - 1) kept = kept.slice(sota + 1);
  while (kept.length && LEAD.test(kept[0]!.text)) kept.shift();
  // "Intel OpenVINO", "NVIDIA FasterTransformer": the vendor is not part of the product's name.
  if (kept.length > 1 && VENDOR.test(kept[0]!.text) && /\p{Lu}/u.test(kept[1]!.text)) kept.shift();
  // "previous EMO-5M", "original ColBERT": an evaluative word before a name is not part of it.
  let j = 0;
  while (j < kept.length && EVAL.test(kept[j]!.text)) j++;
  // "standard RAG", "vanilla DPO", "conventional BERT" name a configuration of the method and stay whole.
  if (j > 0 && j < kept.length && kept.slice(j).every((t) => /\p{Lu}/u.test(t.text)) && !/^(?:standard|vanilla|conventional|traditional)$/i.test(kept[j - 1]!.text)) kept = kept.slice(j);
  // "previous few-shot methods", "any existing approximate attention method": "previous" and "any (existing)"
  // only say the method is someone else's ("the previous best DR model" keeps it: it names one model).
  if (kept.length > 2 && /^(?:previous|prior|any)$/i.test(kept[0]!.text) && !/^(?:best|state-of-the-art|sota|leading|top)$/i.test(kept[1]!.text)) {
    kept = kept.slice(/^existing$/i.test(kept[1]!.text) ? 2 : 1);
  }
  // "non-speculative decoding baselines": the thing compared is the method, not the word baseline.
  if (kept.length > 2 && /^baselines?$/i.test(kept[kept.length - 1]!.text)) kept.pop();
  if (kept.length === 0 || kept.length > 5) return null;
  if (kept.some((t) => /[^\p{L}\p{N}\-./+]/u.test(t.text))) return null;
  const head = kept[kept.length - 1]!;
  if (/^\d/.test(head.text) || kept.some((t) => /^\d+(?:\.\d+)?[KMBkmb]?$/.test(t.text))) return null;
  if (head.tags.has("Verb") && !head.tags.has("Noun") && !/\p{Lu}/u.test(head.text) && !METHOD_HEAD.test(head.text)) return null;
  const capital = kept.some((t) => /\p{Lu}/u.test(t.text));
  if (kept.length === 1) return MEASURE.test(head.text) || (!capital && !/\p{L}-\p{L}/u.test(head.text)) ? null : { text: "", start: head.start, end: head.end };
  if (!capital && !METHOD_HEAD.test(head.text)) return null;
  if (GENERIC_HEAD.test(head.text) && kept.slice(0, -1).every((t) => EVAL.test(t.text) || GENERIC_HEAD.test(t.text))) return null;
  if (!GENERIC_HEAD.test(head.text) && MEASURE.test(head.text)) return null;
  return { text: "", start: kept[0]!.start, end: head.end };
}

/**
 * Tags a stretch of a sentence once (one compromise call per cue sentence); objectsIn() then reads
 * the object of each cue in it. Citation brackets and LaTeX are blanked, a parenthesis acts as a comma.
 */
export function tagObjectText(text: string): Term[] {
  return tagObjectTexts([text])[0]!;
}

function blank(text: string): string {
  // Citation brackets "[29]" and LaTeX residue never belong to a name: blank them (same length).
  // A parenthesis ("(+3.2)", "(Touvron et al., 2023)") ends a phrase like a comma does.
  return text
    .replace(/\s*\[[\d,\s\-–]+\]|\$[^$]*\$?/g, (m) => " ".repeat(m.length))
    .replace(/\s*\([^()]*\)?/g, (m) => "," + " ".repeat(m.length - 1));
}

/**
 * Several stretches tagged with a single compromise call: its fixed cost per call is larger than
 * its cost per word on texts this short, so a paper's cue objects go through it together.
 */
export function tagObjectTexts(texts: readonly string[]): Term[][] {
  if (texts.length === 0) return [];
  const SEP = " ;\n";
  const all = tagTerms(texts.map(blank).join(SEP));
  const out: Term[][] = texts.map(() => []);
  let base = 0;
  let k = 0;
  texts.forEach((t, i) => {
    const end = base + t.length;
    for (; k < all.length && all[k]!.start < end; k++) {
      const x = all[k]!;
      if (x.start >= base && x.end <= end) out[i]!.push({ ...x, text: t.slice(x.start - base, x.end - base), start: x.start - base, end: x.end - base });
    }
    base = end + SEP.length;
  });
  return out;
}

/** Noun phrases a comparison cue points at: the cue's reach is [from, to) of the tagged text. */
export function objectsIn(text: string, tagged: readonly Term[], from: number, to: number): Span[] {
  const terms = tagged.filter((t) => t.start >= from && t.end <= to);
  const out: Span[] = [];
  let cur: Term[] = [];
  let skipping = false;
  const flush = () => {
    if (cur.length) {
      const c = cleanObject(cur);
      if (c) out.push({ text: text.slice(c.start, c.end), start: c.start, end: c.end });
    }
    cur = [];
  };
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    const next = terms[i + 1];
    const w = t.text.toLowerCase();
    const sep = /[,;]/.test(t.post);
    if (skipping) {
      if (REOPEN.test(w) || (w === "compared" && next && /^(?:to|with)$/i.test(next.text))) {
        skipping = false;
        if (w === "compared") i++;
      } else if (sep || /^(?:and|or)$/.test(w)) {
        skipping = false;
      } else if (isVerb(t) || t.tags.has("Pronoun")) break;
      continue;
    }
    if (cur.length === 0 && out.length === 0 && /^(?:with|to|against|that|those)$/.test(w)) continue;
    if (cur.length === 0 && /^(?:over|than|versus|vs\.?)$/.test(w)) continue;
    // "previous DR models": a plural the tagger took for a verb, inside a noun phrase.
    const plural = cur.length > 0 && /\p{Ll}s$/u.test(t.text) && t.tags.has("PresentTense") && (!next || !isNounish(next) || next.tags.has("Determiner"));
    if (w === "such" && next?.text.toLowerCase() === "as") {
      if (cur.length && KIND_HEAD.test(cur[cur.length - 1]!.text)) cur = [];
      else flush();
      i++;
      continue;
    }
    if (EXAMPLES.test(w)) {
      if (cur.length && KIND_HEAD.test(cur[cur.length - 1]!.text)) cur = [];
      else flush();
      continue;
    }
    if ((w === "that" || w === "which") && cur.length && KIND_HEAD.test(cur[cur.length - 1]!.text) && next && REL_VERB.test(next.text)) {
      cur = [];
      i++;
      if (terms[i + 1] && /^(?:on|upon)$/i.test(terms[i + 1]!.text)) i++;
      continue;
    }
    if (/^(?:and|or|nor)$/.test(w)) {
      flush();
      continue;
    }
    if (STOP.test(w) && !(w === "over" && cur.length === 0)) {
      flush();
      if (/^(?:and|or)$/.test(w)) continue;
      skipping = true;
      continue;
    }
    const participle = (t.tags.has("PastTense") || /^(?:existing|competing)$/.test(w)) && next !== undefined && isNounish(next) && !next.tags.has("Preposition");
    const adverb = t.tags.has("Adverb") && next !== undefined && (next.tags.has("PastTense") || next.tags.has("Adjective"));
    const word = (isNounish(t) && !t.tags.has("Pronoun") && !t.tags.has("Preposition") && !t.tags.has("Conjunction")) || (t.tags.has("Determiner") && cur.length === 0) || participle || adverb || plural;
    if (isNumber(t) && (/%|×|x$/i.test(t.text) || (next && /^(?:x|×|times|%|percent|points?)$/i.test(next.text)))) {
      flush();
      skipping = true;
      continue;
    }
    if (word && (!isVerb(t) || plural)) {
      cur.push(t);
      if (sep || /[.:)]/.test(t.post)) {
        flush();
        if (/[.:)]/.test(t.post)) break;
      }
      continue;
    }
    // A preposition ("by 44%", "on GLUE", "in accuracy") ends the phrase; the list may go on after a comma.
    flush();
    if (t.tags.has("Preposition") || isNumber(t)) {
      skipping = true;
      continue;
    }
    break;
  }
  flush();
  return out;
}

/** Noun phrases a comparison cue points at, in `text` (the words right after the cue, up to the end of its reach). */
export function cueObjects(text: string): Span[] {
  return objectsIn(text, tagObjectText(text), 0, text.length);
}
