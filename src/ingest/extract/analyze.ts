// Reads a paper once into the shared context every fact extractor works from: sentences,
// canonical entities and every mention of them (vocabulary, learned acronyms, introduced names).
import { nameKey, type EntityKind, type EntityRef, type Paper } from "../../domain";
import { findAcronymPairs, type AcronymPair } from "./acronyms";
import { coinedTokens, isCoinedShape } from "./names";
import { splitSentences, type Sentence } from "./sentences";
import { INTRO_VERB, NAMING, SELF } from "./triggers";
import { extendSuffix, findKnown, lookupName, type VocabEntry } from "./vocabulary";

export interface Entity extends EntityRef {
  readonly aliases: string[];
  readonly generic: boolean;
  readonly fromVocabulary: boolean;
}

export type MentionSource = "vocabulary" | "acronym" | "introduced" | "coined";

export interface Mention {
  readonly entity: Entity;
  readonly sentence: Sentence;
  /** Offsets in the field text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly source: MentionSource;
}

export interface Introduced {
  readonly entity: Entity;
  readonly sentence: Sentence;
  readonly rule: string;
  readonly mention: string;
}

export interface Context {
  readonly paper: Paper;
  readonly sentences: readonly Sentence[];
  readonly mentions: readonly Mention[];
  readonly introduced: readonly Introduced[];
  readonly entities: ReadonlyMap<string, Entity>;
}

class EntityTable {
  readonly byKey = new Map<string, Entity>();

  /** Names that differ in a digit get different keys, so versions never merge (nameKey keeps digits). */
  get(name: string, kind: EntityKind, opts: { generic?: boolean; vocabulary?: boolean; aliases?: readonly string[] } = {}): Entity {
    const key = nameKey(name);
    let e = this.byKey.get(key);
    if (!e) {
      e = { kind, name, key, aliases: [...(opts.aliases ?? [])], generic: opts.generic ?? false, fromVocabulary: opts.vocabulary ?? false };
      this.byKey.set(key, e);
    }
    return e;
  }

  fromVocab(entry: VocabEntry): Entity {
    return this.get(entry.name, entry.kind, { generic: entry.generic, vocabulary: true, aliases: entry.aliases.map((a) => a.replace(/^=/, "")) });
  }

  alias(e: Entity, form: string): void {
    if (form !== e.name && !e.aliases.includes(form)) e.aliases.push(form);
  }
}

const COMPOUND_HEAD = new Set<EntityKind>(["Technique"]);
const COMPOUND_TAIL = new Set<EntityKind>(["Technique", "Model"]);
const isIntroducedEntity = (introduced: readonly Introduced[], e: Entity) => introduced.some((i) => i.entity === e);

/** Companies are not part of a product's name as annotators write it ("NVIDIA FasterTransformer" -> FasterTransformer). */
const VENDOR = /^(?:NVIDIA|Nvidia|AMD|ARM|Intel|Google|Meta|Microsoft|Apple|Huawei|Amazon|AWS|Alibaba|IBM|Qualcomm|OpenAI|Anthropic|Baidu|Tencent|ByteDance)$/;

const SIZED = /\d+(?:\.\d+)?[BMK]\b/i;

const TITLE_STOP = /^(?:towards?|on|when|why|how|what|beyond|rethinking|revisiting|is|are|do|does|can|making|unlocking|understanding|exploring|a|an|the|from|to|learning|efficient|fast|scaling|improving)\b/i;
const DATASET_WORDS = /\b(?:benchmark|dataset|corpus|suite|leaderboard|test\s+set|collection|evaluation)\b/i;
const MODEL_WORDS = /\b(?:model|LLM|language\s+model|network|foundation\s+model)\b/i;

function kindFromContext(text: string): EntityKind {
  if (DATASET_WORDS.test(text)) return "Dataset";
  if (MODEL_WORDS.test(text)) return "Model";
  return "Technique";
}

/** A named phrase: has a coined token, or is a run of 2-5 capitalised words. */
function namedPhrase(text: string): string | null {
  const t = text
    .replace(/^(?:(?:a|an|the|our|novel|new|simple|efficient|general|unified)\s+)+/gi, "")
    .split(/\s(?:--|—|-)\s|,\s|\s(?:that|which|a|an|for|to)\s/)[0]!
    .trim();
  const acr = /^(.+?)\s*\(([^)]+)\)$/.exec(t);
  const core = acr ? acr[1]!.trim() : t;
  const words = core.split(/\s+/);
  if (words.length === 0 || words.length > 6) return null;
  if (words.some((w) => isCoinedShape(w.replace(/[,.;]$/, "")))) return core.split(/,/)[0]!.trim();
  if (words.length >= 2 && words.every((w) => /^[\p{Lu}]/u.test(w) || /^(?:of|for|and|with|in|the|to|&)$/.test(w))) return core;
  return null;
}


/** Words that end a noun phrase in the regex chunker. */
const NP_STOP = /^(?:that|which|who|to|for|with|in|on|by|of|from|as|and|or|where|while|when|called|named|dubbed|termed|is|are|was|were|can|could|will|would|may|might|has|have|had|into|via|using|under|over|than|at|based|inspired|between|within|without|across|through|so|but|we|it|its|their|our|such|both)$/i;
/** Leading words that are not part of a name. */
const NP_LEAD = /^(?:a|an|the|our|this|these|its|two|three|several|novel|new|simple|yet|effective|first|modern|general|proposed|dedicated|specially|carefully|designed|lightweight\s+yet)$/i;
/** Modifiers every paper uses for its method: dropped at the start of a phrase, never a name by themselves. */
const COMMON_MOD = /^(?:end-to-end|two-stage|three-stage|multi-stage|fine-grained|coarse-grained|hardware-efficient|hardware-aware|cost-aware|transformer-based|feed-forward|training-free|plug-and-play|state-of-the-art|high-performance|high-throughput|low-latency|general-purpose|open-source|large-scale|real-time|lightweight|efficient|effective|approximate|exact|official|practical|scalable|fast|accurate|robust|flexible|powerful|principled|generic|holistic|comprehensive|systematic)$/i;
/** Plain first words that make no name with a head alone ("training strategy", "sparse convolution"). */
const PLAIN = /^(?:training|inference|serving|learning|search|retrieval|sparse|dense|parallel|distributed|new|optimization|compression|evaluation|data|model|memory|attention|language|neural|deep|hybrid|adaptive|dynamic|static|joint|unified|multi|single)$/i;
/** Heads that never end a name. */
const REJECT_HEAD = /^(?:variants?|versions?|way|ways|set|series|family|study|analysis|manner|form|kind|type|number|range|variety|collection|combination|list)$/i;
/** Heads that only name a kind of thing: "a serving system" is no name, "a temporal fusion framework" may be. */
const GENERIC_HEAD = /^(?:framework|frameworks|system|systems|method|methods|approach|approaches|model|models|technique|techniques|engine|pipeline|tool|toolkit|library|runtime|solution|solutions|design|recipe|platform|paradigm|way|scheme|set|series|family|suite|variant|version|study|analysis|metric|task|tasks|problem|setting|implementation|network|networks|architecture)$/i;
/** Heads of a distinctive technical phrase a paper coins for its own component. */
const CONTRIBUTION_HEAD = /^(?:algorithms?|scheduler|mechanism|strategy|strategies|loss|criterion|supervision|decomposition|framework|architecture|paradigm|modules?|layers?|blocks?|regulator|attention|mask|policy|scheme|cache|caches|index|pipelining|execution|rotation|encoding|decoding|tuning|penalty|clipping|transfer|optimization|sampling|scaling|slimming|search|space|prediction|routing|batching|parallelism|quantization|pruning|compression|distillation|retrieval|drafter|trees?|kernel|allocator|placement|offloading|prefetching|sharing|fusion|window|transformer|convolutions?|rules?|schedules?|formats?)$/i;

/**
 * A distinctive lower-case technical phrase right at the start of `text` ("a novel fast buffer
 * reordering algorithm that ..." -> "fast buffer reordering algorithm"), or null. Regex chunking:
 * words up to a function word or punctuation, leading articles and praise dropped. Accepted when it
 * has 2-5 words, is not a vocabulary name (nor a vocabulary name plus a generic head), and either
 * holds a hyphenated modifier or ends in a contribution head.
 */
export function descriptivePhrase(text: string): string | null {
  // "a list of empathy-aware tuning strategies": a quantity lead-in is not part of the name.
  text = text.replace(/^\s*(?:(?:a|an|the)\s+)?(?:list|set|series|suite|family|number|pair|couple|collection)\s+of\s+/i, "");
  const m = /^\s*((?:[\p{L}\p{N}][\p{L}\p{N}\-']*(?:\s+|$|(?=[,;:)]|\.(?:\s|$)))){1,9})/u.exec(text);
  if (!m) return null;
  const words: string[] = [];
  let lead = true;
  const all = m[1]!.trim().split(/\s+/);
  for (let i = 0; i < all.length; i++) {
    const w = all[i]!;
    if (lead && (NP_LEAD.test(w) || COMMON_MOD.test(w))) continue;
    lead = false;
    if (NP_STOP.test(w)) break;
    // "a mechanism guided by ...", "a dataset consisting of ...": a participle starts a new clause.
    if (words.length >= 2 && /^[\p{Ll}]+(?:ed|ing)$/u.test(w) && ((i + 1 >= all.length && !CONTRIBUTION_HEAD.test(w)) || NP_STOP.test(all[i + 1]!) || /^(?:a|an|the)$/i.test(all[i + 1]!))) break;
    words.push(w);
  }
  // The phrase must end where the text's noun phrase ends, not in the middle of a longer one.
  const rest = text.slice(text.indexOf(words[words.length - 1] ?? "\u0000") + (words[words.length - 1]?.length ?? 0));
  if (words.length < 2 || words.length > 5 || /^\s*\(/.test(rest) && false) return null;
  if (words.some((w) => /^\d/.test(w) || /^[\p{Lu}]/u.test(w) && !isCoinedShape(w) && w !== words[0])) return null;
  const head = words[words.length - 1]!;
  const phrase = words.join(" ");
  if (lookupName(phrase)) return null;
  const body = GENERIC_HEAD.test(head) ? words.slice(0, -1) : words;
  if (body.length === 0 || lookupName(body.join(" ")) || lookupName(words.slice(0, -1).join(" "))) return null;
  if (words.length === 2 && PLAIN.test(words[0]!)) return null;
  if (REJECT_HEAD.test(head) || !(GENERIC_HEAD.test(head) || CONTRIBUTION_HEAD.test(head))) return null;
  // "instruction-tuned models", "in-browser inference systems": a plural kind word names a class, not a contribution.
  if (/^(?:frameworks|systems|methods|approaches|models|techniques|networks|solutions|architectures|pipelines|engines|tools)$/i.test(head)) return null;
  const hyphen = body.some((w) => /\p{L}-\p{L}/u.test(w));
  // "a serving system": a generic head needs a distinctive body (hyphenated, or two content words).
  if (GENERIC_HEAD.test(head) && !hyphen && body.length < 2) return null;
  return phrase;
}

/** A literal string as a RegExp source (for names built into patterns). */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const OWN_HEAD = /^(?:Blocks?|Modules?|Layers?|Loss|Mechanism|Encoder|Decoder|Head|Attention|Scheduler|Algorithm|Transformer|Tasks?|Benchmark|Dataset)$/;
/** "our … dataset, Name,", "a … indicator, Name Name,": a capitalised or coined name set off by commas after a kind word. */
// "The second technique, Web-Specific Lite Kernel Optimization Space Design, reduces ...": an ordinal
// "the first/second <kind>" of the paper's enumerated contribution also supplies the kind word.
const APPOSED = /\b(?:our|a|an|the\s+proposed|[Tt]he\s+(?:first|second|third|fourth|last|final))\s+(?:[\p{L}\-]+\s+){0,4}?(?:dataset|benchmark|metric|indicator|module|block|model|method|algorithm|mechanism|strategy|scheduler|loss|suite|technique|component|optimization|stage)\s*,\s+((?:[\p{Lu}][\p{L}\p{N}\-.]*)(?:\s[\p{Lu}][\p{L}\p{N}\-]*){0,5})(?=\s*[,;(]|\.\s|\.$|\s(?:within|which|that|to|for)\b)/gu;
/** Words before a phrase that mark it as someone else's ("unlike the ...", "compared with a ..."). */
const PRIOR_CUE = /\b(?:unlike|than|compar(?:e|ed|ing)\s+(?:to|with|against)|against|over|existing|prior|previous|conventional|traditional|standard|vs\.?|outperform\w*|such\s+as|like)\s+$/i;
const SELF_WORDS = /\b(?:we|our)\b/i;
const NOVEL = /\b(?:a|an)\s+(?:novel|new)\s+/gi;
/** A sentence about earlier work: a citation, "et al.", "recently", "current/existing/state-of-the-art methods", or "X proposed". */
const PRIOR_WORK = /\[\d[^\]]*\]|\bet\s+al\b|\b(?:recently|previously|current|existing|prior|previous|state-of-the-art|traditional|conventional)\b|\b(?:\d{4}\)?|[\p{Lu}][\p{L}]+)\s+(?:proposed|introduced|presented)\b/iu;
/** A hyphen-joined adjective ending a token: "IO-aware", "GPU-friendly", "LLM-based", "Retrieval-Augmented". */
const ADJ_SUFFIX = /-(?:\p{Ll}+(?:ed|ing|ive|ful|less|able|ible|al)|aware|based|friendly|free|efficient|level|wise|like|style|specific|centric|agnostic|oriented|only|scale|sized)$/u;
/** A description that is followed by the name the paper gives it ("a novel cross-query method called Meta Ranking"). */
const NAMED_AFTER = /^\s*(?:,\s*)?(?:called|dubbed|named|termed|coined)\b/i;

/** Verbs that list what a thing is made of: finite after the paper's own subject, participles after any noun of a sentence about the paper. */
const PARTS_FINITE = /\s(?:consists\s+of|comprises|is\s+composed\s+of|is\s+made\s+up\s+of|includes|contains|features|involves|is\s+equipped\s+with)\s+/gi;
const PARTS_PARTICIPLE = /\b(?:consisting\s+of|comprising|composed\s+of|equipped\s+with|featuring)\s+/gi;
/** The paper's own subject right before a finite parts verb: its name (", which"), "this/our/the proposed <kind>". */
const OWN_SUBJECT = /(?:\b(?:[Tt]his|[Oo]ur|[Tt]he\s+proposed)\s+(?:[\p{L}\-]+\s+){0,2}(?:framework|system|model|method|approach|architecture|engine|library|design|pipeline|algorithm|solution|technique)|\{OWN\})(?:\s*,\s*which)?\s+(?:also\s+|mainly\s+|further\s+)?$/u;
const OUR_PROPOSED = /\b(?:[Oo]ur|[Tt]he)\s+(?:newly\s+)?(?:proposed|novel)\s+/g;
/** "a <phrase> is implemented/proposed": group 1 is the phrase through its verb. */
/** A cheap test before PASSIVE_INTRO. */
const PASSIVE_VERB = /\s(?:is|are)\s+(?:\w+\s+)?(?:proposed|implemented|designed|introduced|developed|presented|devised)\b/;
const PASSIVE_INTRO = /\b(?:[Aa]n?\s+([^,;:.()]{3,80}?\s+(?:is|are)\s+(?:then\s+|further\s+|also\s+|first\s+|additionally\s+)?(?:proposed|implemented|designed|introduced|developed|presented|devised)))\b(?!\s+(?:by|in)\s)/g;
/** A sentence opening on the paper's own contribution: "This framework features ...", "The proposed method consists of ...". */
const THIS_OWN = /^(?:This|The\s+proposed)\s+(?:[\p{L}\-]+\s+){0,2}?(?:framework|system|model|method|approach|architecture|engine|library|design|pipeline|algorithm|solution|technique)\b/u;
/** A numbered enumeration: "(1) a ..., and (2) a ...", "1) partial convolutions and 2) ...". */
const NUMBERED = /(?:^|\s|--|—|:)\(?([1-9]|i{1,3}|iv)\)\s*/g;
/** "two sparse convolution algorithms--1) ...", "three components: (1) ...": a counted kind word opening a numbered list. */
const COUNTED_LIST = /\b(?:two|three|four|five|2|3|4|5)\s+(?:[\p{L}\-]+\s+){0,3}?(?:algorithms|techniques|components|modules|strategies|mechanisms|optimizations|methods|designs|solutions|parts|stages|innovations|contributions)\s*(?:--|—|:|,)?\s*(?=\(?(?:1|i)\)\s)/giu;

/** Splits a numbered enumeration starting at `text` into its items. */
function numberedItems(text: string): string[] {
  const marks = [...text.matchAll(NUMBERED)];
  if (marks.length < 2 || marks[0]!.index! > 2) return [];
  const items: string[] = [];
  for (let i = 0; i < marks.length; i++) {
    const from = marks[i]!.index! + marks[i]![0].length;
    const to = i + 1 < marks.length ? marks[i + 1]!.index! : text.length;
    // "2) frequency-sparse convolutions--which can ...": a dash ends the item.
    items.push(text.slice(from, to).split(/\s*(?:--|—)\s*/)[0]!.replace(/[,;\s]*(?:and|or)?\s*$/, ""));
  }
  return items;
}

/** The lists of parts of the paper's own contribution in sentence `text` (see the call site). */
function componentLists(text: string, own: readonly string[]): string[][] {
  const lists: string[][] = [];
  const starts: number[] = [];
  let ownSubject: RegExp | null = null;
  for (const v of text.matchAll(PARTS_FINITE)) {
    if (!ownSubject) {
      const esc = own.filter((o) => o.length > 1).map(escapeRegExp);
      ownSubject = new RegExp(OWN_SUBJECT.source.replace("\\{OWN\\}", esc.length ? esc.join("|") : "(?!)"), "u");
    }
    if (ownSubject.test(text.slice(0, v.index! + 1))) starts.push(v.index! + v[0].length);
  }
  PARTS_PARTICIPLE.lastIndex = 0;
  for (const m of text.matchAll(PARTS_PARTICIPLE)) starts.push(m.index! + m[0].length);
  if (/(?:1|i)\)\s/.test(text)) for (const m of text.matchAll(COUNTED_LIST)) starts.push(m.index! + m[0].length);
  for (const at of starts) {
    const rest = text.slice(at);
    const numbered = numberedItems(rest);
    if (numbered.length) {
      lists.push(numbered);
      continue;
    }
    // Unnumbered: the first phrase, and a second one right after "and a/an/the".
    const first = descriptivePhrase(rest.replace(/^\s*(?:only|also|mainly|primarily|essentially|just)\s+/i, ""));
    const items = [rest];
    if (first) {
      const k = rest.indexOf(first);
      const conj = /^\s*(?:,\s*)?and\s+((?:a|an|the)\s.*)$/u.exec(rest.slice(k + first.length));
      if (conj) items.push(conj[1]!);
    }
    lists.push(items);
  }
  return lists;
}

/** The description `d` found in `text` is followed by the name the paper gives it ("... method called Meta Ranking"). */
function namedAfter(text: string, d: string): boolean {
  const i = text.indexOf(d);
  return i >= 0 && NAMED_AFTER.test(text.slice(i + d.length));
}

function findIntroduced(title: Sentence, abstract: readonly Sentence[], pairs: readonly AcronymPair[]): Array<{ name: string; rule: string; sentence: Sentence; kindHint: string; short?: string }> {
  const out: Array<{ name: string; rule: string; sentence: Sentence; kindHint: string; short?: string }> = [];
  const seen = new Set<string>();
  const add = (name: string, rule: string, sentence: Sentence, kindHint: string, short?: string) => {
    const k = nameKey(name);
    if (!k || seen.has(k) || name.length < 2) return;
    seen.add(k);
    out.push({ name, rule, sentence, kindHint, ...(short ? { short } : {}) });
  };

  const colon = /^([^:]{2,60}):\s+(.*)$/.exec(title.text);
  if (colon) {
    // "The Tiny Pulse Transformer: ...": a leading article is not part of the name.
    const prefix = colon[1]!.trim().replace(/^The\s+(?=\S+\s+\S)/, "");
    const words = prefix.split(/\s+/);
    const coined = words.some((w) => isCoinedShape(w));
    // "Resources for Brewing BEIR:", "Generative AI Beyond LLMs:": a phrase with a function word is a headline, not a name.
    const headline = words.slice(1).some((w) => /^(?:the|a|an|for|of|to|in|on|with|beyond|via|through|without|from|is|are|at|by)$/i.test(w));
    if ((!TITLE_STOP.test(prefix) || coined) && !headline) {
      if (words.length <= 4 && (coined || words.every((w) => /^[\p{Lu}\d]/u.test(w)))) add(prefix, "introduces:title-colon", title, colon[2]!);
    }
  }

  // "... Classification with WaveLiteS": a coined name no vocabulary knows closing the title after with/via/using.
  const tail = /\s(?:with|via|using)\s+([\p{L}][\p{L}\p{N}\-]*)$/u.exec(title.text);
  // ("with IO-Awareness": hyphen-joined capitalised words are a headline phrase, not a name.)
  if (tail && isCoinedShape(tail[1]!) && !tail[1]!.includes("-") && !/^[A-Z]{2,5}s?$/.test(tail[1]!) && !lookupName(tail[1]!)) add(tail[1]!, "introduces:title-tail", title, title.text);

  for (const s of abstract) {
    // "TPI-LLM introduces a sliding window memory scheduler": the paper's own name as the subject.
    const own = out.map((o) => escapeRegExp(o.name));
    // "TPI-LLM keeps raw data local and introduces a sliding window memory scheduler": a second verb of the same subject.
    const subj = own.length ? new RegExp(`(?:${own.join("|")})\\s+(?:also\\s+|further\\s+|[^.;]{0,100}?\\band\\s+)?(introduce|propose|present|develop|design)s?\\b`).exec(s.text) : null;
    const iv = INTRO_VERB.exec(s.text) ?? subj;
    if (iv) {
      const after = s.text.slice(iv.index + iv[0].length);
      const afterStart = s.start + iv.index + iv[0].length;
      // "Adaptive Parallel Encoding (APE)": an acronym defined right in the introducing clause.
      for (const p of pairs) {
        if (p.start >= afterStart && p.start < afterStart + 80 && p.start < s.end) {
          // A lower-case long form counts when it is the object itself ("we propose learned outlier rotation (LOR)").
          const between = s.text.slice(afterStart - s.start, p.start - s.start);
          if (/^[\p{Lu}]/u.test(p.long) || /^\s*(?:(?:a|an|the|novel|new|simple|automated)\s+)*$/i.test(between)) {
            const long = p.long.replace(/^(?:(?:a|an|the|novel|new|simple|automated)\s+)+/i, "");
            if (!lookupName(long)) add(long, "introduces:acronym", s, s.text.slice(p.end - s.start, p.end - s.start + 60), p.short);
          }
        }
      }
      // "we propose SDIM (Sampling-based Deep Interest Modeling)": the acronym first, its expansion after.
      const rev = /^\s*(?:the\s+|a\s+)?([\p{Lu}][\p{L}\p{N}\-]*[\p{Lu}][\p{L}\p{N}\-]*)\s+\(([\p{Lu}][^()]{5,80})\)/u.exec(after);
      if (rev && !lookupName(rev[1]!)) add(rev[1]!, "introduces:we-propose", s, rev[2]!);
      // "we further introduce Tülu, our best performing model suite": a plain capitalised word right after
      // the verb, in apposition to a description of what the paper built, is that thing's name.
      // ("we also release Long-Tail Queries, a benchmark of ...": up to four capitalised words.)
      const capAppo = /^\s*([\p{Lu}][\p{Ll}\p{N}]{2,}|[\p{Lu}][\p{L}\p{N}\-]*(?:\s[\p{Lu}][\p{L}\p{N}\-]*){1,3})\s*,\s+(?:our|a|an)\s+[^,.;]{0,80}?\b(?:model|models|suite|system|framework|method|benchmark|dataset|library|toolkit|family|agent)\b/u.exec(after);
      if (capAppo && !lookupName(capAppo[1]!)) add(capAppo[1]!, "introduces:apposition", s, capAppo[0]);
      // "we propose a novel fast buffer reordering algorithm", "Flover -- a temporal fusion framework".
      const desc = descriptivePhrase(after);
      const inside = (d: string) => out.some((o) => o.sentence === s && nameKey(d).includes(nameKey(o.name)));
      // "the first in-browser inference system, nn-JIT.web, which": the name in apposition wins over its description.
      const named2 = desc ? new RegExp(`^\\s*(?:[\\p{L}\\-]+\\s+){0,3}${escapeRegExp(desc)},\\s+[\\p{L}][^\\s,]*[\\p{Lu}]`, "u").test(after) : false;
      if (desc && !inside(desc) && !named2 && !namedAfter(after, desc)) add(desc, "introduces:phrase", s, desc);
      // "the staleness gap penalty and outer momentum clipping techniques": the second conjunct of the object.
      if (desc) {
        const conj = new RegExp(`^\\s*(?:(?:a|an|the|novel|new)\\s+)*${escapeRegExp(desc)}\\s+and\\s+(?!(?:a|an|the)\\s)(.*)$`, "u").exec(after);
        const d2 = conj ? descriptivePhrase(conj[1]!.replace(/^((?:\S+\s+){1,4}?\S+)\s+(?:techniques|strategies|methods|mechanisms)\b/, "$1,")) : null;
        if (d2 && !inside(d2)) add(d2, "introduces:phrase", s, d2);
      }
      const appo = /^\s*[^\s,]+\s*(?:,|--|—|:)\s*((?:a|an)\s.*)$/u.exec(after);
      if (appo) {
        const d = descriptivePhrase(appo[1]!);
        if (d && !inside(d)) add(d, "introduces:apposition", s, d);
      }
      const verb = iv[1]!.toLowerCase();
      // compromise costs ~2 ms a sentence: ask it for the object phrase only when no coined token is there.
      const quick = coinedTokens(after.slice(0, 50)).some((t) => !lookupName(t.text));
      // The object phrase by regex (compromise's tagger cost ~2 ms a sentence and found no more names).
      const object = /^\s*([^,;.]*?)(?=[,;]|\.\s|\.$|\s(?:that|which|where|while|to|with|by|in|on|for|called|named|dubbed|termed|dedicated|designed)\s|$)/.exec(after)?.[1] ?? "";
      const phrases = quick || !object || /^\s*[\p{Ll}]+ing\b/u.test(object) ? [] : [{ text: object.trim(), start: afterStart - s.start, end: afterStart - s.start + object.length }];
      void verb;
      let named = false;
      for (const ph of phrases) {
        const name = namedPhrase(ph.text);
        // "we propose a new SSM layer, H3, that ...": a coined name in apposition to the object is its name.
        const appoName = /^\s*,\s*([^\s,;.]+)(?=\s*[,;]|\.\s|\.$|\s+(?:that|which|for|to)\b)/u.exec(after.slice(after.indexOf(ph.text) + ph.text.length));
        // (A vocabulary name counts too, as in the title's "Name:": the vocabulary knows famous papers' own names.)
        if (name && appoName && isCoinedShape(appoName[1]!) && !lookupName(appoName[1]!)?.generic) {
          add(appoName[1]!, "introduces:apposition", s, ph.text);
          named = true;
        } else if (name && !lookupName(name)?.generic) {
          add(name, "introduces:we-propose", s, s.text.slice(ph.start, ph.end + 60));
          named = true;
        }
      }
      if (!named) {
        // The first coined token of the object, before the clause goes on ("..., which").
        const clause = after.split(/,\s(?:which|that|where|while)\b|;/)[0]!;
        // Short all-capital acronyms ("LLM") only count right after the verb ("we present JPQ, which");
        // "QA-pair retriever, RePAQ": a coined token joined to a lower-case word is a modifier, not the name.
        const toks = coinedTokens(clause).filter((t) => !lookupName(t.text) && (!/^[A-Z]{2,5}s?$/.test(t.text) || /^\s*(?:(?:and|benchmark|evaluate|the)\s+)*$/.test(clause.slice(0, t.start)))
          // "Lexicon-Bottlenecked Language-Image Pre-Training (LexLIP)": a word of a name this clause already gave is no name of its own.
          && !out.some((o) => nameKey(o.name).length > nameKey(t.text).length && nameKey(o.name).includes(nameKey(t.text)))
          // "an IO-aware exact attention algorithm", "65M automatically-generated QA-pairs": an acronym joined to an
          // adjective before a noun is a modifier, joined to a plural noun a class of things; not a name ("TVQA-long benchmark" is).
          && !(ADJ_SUFFIX.test(t.text) && /^\s+\p{Ll}/u.test(clause.slice(t.end)) || /-\p{Ll}+s$/u.test(t.text)));
        const tok = toks.find((t) => !/-\p{Ll}/u.test(t.text)) ?? toks[0];
        if (tok) add(tok.text, "introduces:we-propose", s, clause.slice(tok.end, tok.end + 60));
      }
    }
    // "with a novel deterministic Q-exit criterion", "Dynamic SplitFuse, a novel ... strategy": a
    // contribution marked novel in a sentence about this paper (its own name, we/our, or the title's subject).
    if (SELF_WORDS.test(s.text) || out.some((o) => s.text.includes(o.name))) {
      NOVEL.lastIndex = 0;
      let n: RegExpExecArray | null;
      while ((n = NOVEL.exec(s.text))) {
        const before = s.text.slice(0, n.index);
        const appo = /([\p{Lu}][\p{L}\p{N}\-]*(?:\s[\p{Lu}][\p{L}\p{N}\-]*){0,2}),\s*$/u.exec(before);
        if (appo && !lookupName(appo[1]!) && !TITLE_STOP.test(appo[1]!) && appo.index > 0) {
          add(appo[1]!, "introduces:novel", s, s.text.slice(n.index, n.index + 60));
          continue;
        }
        const d = descriptivePhrase(s.text.slice(n.index + n[0].length));
        if (d && !out.some((o) => o.sentence === s && nameKey(d).includes(nameKey(o.name))) && !namedAfter(s.text.slice(n.index), d)) add(d, "introduces:novel", s, d);
      }
    }
    // "the proposed Intra-Document Cascaded Ranking Model (IDCM)", "we deduce a modern Improved Inverted
    // Residual Mobile Block (i2RMB)": a capitalised name defined with an acronym in a sentence about this paper.
    if (SELF_WORDS.test(s.text) || /\bproposed\b/i.test(s.text) || out.some((o) => s.text.includes(o.name))) {
      for (const p of pairs) {
        if (p.start < s.start || p.start >= s.end) continue;
        const long = p.long.replace(/^(?:(?:a|an|the|novel|new)\s+)+/i, "");
        const words = long.split(/\s+/);
        if (words.length < 2 || !words.every((w) => /^[\p{Lu}\d]/u.test(w) || /^(?:of|for|and|with|in|the|to|&)$/.test(w))) continue;
        if (!/^[\p{Lu}]/u.test(words[words.length - 1]!)) continue;
        const before = s.text.slice(Math.max(0, p.start - s.start - 50), p.start - s.start);
        if (PRIOR_CUE.test(before) || /\b(?:existing|prior|previous|conventional|traditional|standard|popular|widely)\b[^,;]*$/i.test(before)) continue;
        if (lookupName(long) || lookupName(p.short)) continue;
        // "a proposed X (ACR)", or a component head ("Meta Mobile Block (MMBlock)"); not "Natural Language Processing (NLP)".
        const marked = /\b(?:proposed|novel|new|our|dubbed|called|named)\s+(?:[\p{L}\-]+\s+){0,2}$/iu.test(before);
        if (!marked && !OWN_HEAD.test(words[words.length - 1]!)) continue;
        add(long, "introduces:acronym-own", s, s.text.slice(p.end - s.start, p.end - s.start + 60), p.short);
      }
    }
    // "our newly created dataset, MT-Blend,", "Kest monitors a token-level indicator, Drift Score, within ...":
    // a name in apposition to a kind word the paper itself supplies ("The first technique, X, ..." continues its enumeration).
    if (SELF_WORDS.test(s.text) || out.some((o) => s.text.includes(o.name)) || /^The\s+(?:first|second|third|fourth|last|final)\s/.test(s.text) && !PRIOR_WORK.test(s.text)) {
      APPOSED.lastIndex = 0;
      let ap: RegExpExecArray | null;
      while ((ap = APPOSED.exec(s.text))) {
        const name = ap[1]!.trim();
        const before = s.text.slice(Math.max(0, ap.index - 40), ap.index);
        if (PRIOR_CUE.test(before) || lookupName(name) || TITLE_STOP.test(name)) continue;
        if (!name.split(/\s+/).some((w) => isCoinedShape(w)) && name.split(/\s+/).length < 2) continue;
        add(name, "introduces:apposition", s, s.text.slice(ap.index, ap.index + 60));
      }
    }
    // "three optimization strategies, namely ranking-aware loss, centroid refresh, and joint negative mining":
    // the items of an enumeration the paper names.
    const namely = /\b(?:strateg(?:y|ies)|techniques?|components?|modules?|algorithms?|designs?|optimizations?|mechanisms?|settings?|stages?|steps?|methods?)\s*(?:,|:)?\s*(?:namely|i\.e\.,?)\s+([^.;:]+)/i.exec(s.text);
    if (namely) {
      for (const item of namely[1]!.split(/,\s*(?:and\s+)?|\s+and\s+/)) {
        const t = item.trim().replace(/^(?:the|a|an)\s+/i, "");
        const words = t.split(/\s+/);
        if (words.length < 2 || words.length > 5 || !/^[\p{L}][\p{L}\p{N}\-\s]*$/u.test(t) || lookupName(t)) continue;
        if (words.some((w) => NP_STOP.test(w))) continue;
        add(t, "introduces:namely", s, t);
      }
    }
    // "PipeQuant consists of a warp-specialized dequantization kernel and a lookahead tile scheduler",
    // "LM-Infinite, which involves only a Lambda-shaped attention mask", "a BEBR engine equipped with a recurrent
    // binarization algorithm", "we present two sparse convolution algorithms--1) partial convolutions and 2) ...":
    // the parts the paper's own contribution is made of, each a descriptive phrase.
    if (SELF_WORDS.test(s.text) || THIS_OWN.test(s.text) || out.some((o) => s.text.includes(o.name))) {
      for (const list of componentLists(s.text, out.map((o) => o.name))) {
        for (const item of list) {
          const d = descriptivePhrase(item.replace(/^\s*(?:only|also|mainly|primarily|essentially|just)\s+/i, ""));
          if (d && !out.some((o) => o.sentence === s && nameKey(d).includes(nameKey(o.name))) && !namedAfter(item, d)) add(d, "introduces:component", s, d);
        }
      }
    }
    // "so a star-based allreduce algorithm is implemented", "A novel cache eviction policy is proposed": the
    // contribution as the subject of a passive contribution verb (not in a sentence about earlier work).
    if (PASSIVE_VERB.test(s.text) && (SELF.test(s.text) || !PRIOR_WORK.test(s.text))) {
      for (const pv of s.text.matchAll(PASSIVE_INTRO)) {
        const d = descriptivePhrase(pv[1]!);
        // The phrase must be the whole subject ("a variant of X is proposed" names no X).
        if (d && /^\s+(?:is|are)\s/.test(pv[1]!.slice(pv[1]!.lastIndexOf(d) + d.length))) add(d, "introduces:passive", s, d);
      }
    }
    // "This leads to our proposed LongGen, which ...": a coined name right after "our/the proposed".
    for (const pm of s.text.matchAll(OUR_PROPOSED)) {
      const after = s.text.slice(pm.index! + pm[0].length, pm.index! + pm[0].length + 40);
      const tok = coinedTokens(after)[0];
      // (Not the first word of a longer capitalised name: "the proposed Intra-Document Cascaded Ranking Model".)
      if (tok && tok.start === 0 && !/^\s+[\p{Lu}]/u.test(after.slice(tok.end)) && !lookupName(tok.text) && !/^[A-Z]{2,5}s?$/.test(tok.text)) add(tok.text, "introduces:proposed", s, pm[0]);
    }
    NAMING.lastIndex = 0;
    let m: RegExpExecArray | null;
    // "Gu et al. [2021] proposed a model called S4", "current ranking methods use a paradigm called Cross-Encoder":
    // a name given by prior work, in a sentence that is not about this paper.
    NAMING.lastIndex = 0;
    const priorNaming = NAMING.test(s.text) && !SELF.test(s.text) && !out.some((o) => s.text.includes(o.name)) && PRIOR_WORK.test(s.text);
    NAMING.lastIndex = 0;
    while (!priorNaming && (m = NAMING.exec(s.text))) {
      let rest = s.text.slice(m.index + m[0].length);
      // "We call this metric the idealized runtime", "we term this phenomenon X": the thing named comes first.
      if (/^we\s+(?:call|term|name|dub)\b/i.test(m[0])) rest = rest.replace(/^(?:this|these|such|our)\s+(?:[\p{Ll}\-]+\s+){1,3}?(?=(?:the|an?)\s|[\p{Lu}"“'])(?:(?:the|an?)\s+)?["“']?/u, "");
      const tok = coinedTokens(rest.slice(0, 40))[0];
      const cap = /^((?:[\p{Lu}][\p{L}\p{N}\-]*(?:\s(?=[\p{Lu}])|(?=[\s,.;:)]|$))){1,4})/u.exec(rest);
      if (cap && (!tok || tok.start !== 0 || cap[1]!.trim().length > tok.text.length)) add(cap[1]!.trim(), "introduces:called", s, s.text.slice(0, m.index));
      else if (tok && tok.start === 0) add(tok.text, "introduces:called", s, s.text.slice(0, m.index));
      else if (/^(?:called|dubbed|named|termed|coined|we\s+(?:call|term|name|dub))/i.test(m[0])) {
        // "a new metric called goodput", "(we call chunk-caches)": a short lower-case name up to punctuation.
        const low = /^(?:the\s+)?([\p{Ll}][\p{L}\p{N}\-]*(?:\s[\p{Ll}][\p{L}\p{N}\-]*)?)(?=\s*[,.;:)"”']|\s+(?:which|that|and|to|for|in)\b)/u.exec(rest);
        if (low && !NP_STOP.test(low[1]!.split(" ")[0]!) && !lookupName(low[1]!)) add(low[1]!, "introduces:called", s, s.text.slice(0, m.index));
      }
    }
  }
  return out;
}

function searchForm(text: string, form: string, exact: boolean): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const hay = exact ? text : text.toLowerCase();
  const needle = exact ? form : form.toLowerCase();
  let i = hay.indexOf(needle);
  while (i >= 0) {
    const before = text[i - 1] ?? " ";
    let end = i + needle.length;
    if (text[end] === "s" && !/[\p{L}\p{N}]/u.test(text[end + 1] ?? " ")) end++;
    const after = text[end] ?? " ";
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after) && !(after === "-" && /[\p{L}\p{N}]/u.test(text[end + 1] ?? " "))) out.push([i, end]);
    i = hay.indexOf(needle, i + 1);
  }
  return out;
}

/**
 * Extraction residue that glues words to names, replaced by spaces of the same length so offsets
 * hold: LaTeX "\\times" left as "MobileNetV2times 1.4", markdown emphasis "*state collapse*".
 */
export function normalizeText(text: string): string {
  return text
    .replace(/(?<=[\p{L}\p{N}])times(?=\s*\d)/gu, "\u00d7    ")
    // "code at https://github.com/OpenLMLab/LEval": a URL holds no names of this paper's entities.
    .replace(/\bhttps?:\/\/[^\s{}()\[\]<>]*[^\s{}()\[\]<>.,;:]/g, (u) => " ".repeat(u.length))
    .replace(/(?<![\p{L}\p{N}*])\*(?=[\p{L}])|(?<=[\p{L}\p{N}])\*(?![\p{L}\p{N}*])/gu, " ");
}

export function analyze(paper: Paper): Context {
  const table = new EntityTable();
  const titleText = normalizeText(paper.title);
  const abstractText = normalizeText(paper.abstract);
  const title = splitSentences(titleText, "title")[0] ?? { field: "title" as const, text: titleText, start: 0, end: titleText.length };
  const abstract = splitSentences(abstractText, "abstract");
  const sentences = [title, ...abstract];
  const fieldText = (f: Sentence["field"]) => (f === "title" ? titleText : abstractText);
  const sentenceAt = (f: Sentence["field"], pos: number) => sentences.find((s) => s.field === f && pos >= s.start && pos < s.end);

  const mentions: Mention[] = [];
  const taken: Array<{ field: string; start: number; end: number }> = [];
  const overlaps = (f: string, a: number, b: number) => taken.some((t) => t.field === f && a < t.end && b > t.start);
  const addMention = (entity: Entity, f: Sentence["field"], start: number, end: number, source: MentionSource) => {
    if (overlaps(f, start, end)) return;
    const sentence = sentenceAt(f, start);
    if (!sentence) return;
    const text = fieldText(f).slice(start, end);
    taken.push({ field: f, start, end });
    table.alias(entity, text);
    mentions.push({ entity, sentence, start, end, text, source });
  };

  // 1. Names the paper introduces come first: they win over vocabulary readings of the same span.
  const pairs = [...findAcronymPairs(abstractText)];
  const intros = findIntroduced(title, abstract, pairs);
  const introduced: Introduced[] = [];
  for (const i of intros) {
    const known = lookupName(i.name);
    const entity = known && nameKey(known.name) === nameKey(i.name)
      ? table.get(known.name, known.kind, { vocabulary: true, aliases: known.aliases })
      : table.get(i.name, known?.kind ?? kindFromContext(i.kindHint));
    if (i.short) table.alias(entity, i.short);
    introduced.push({ entity, sentence: i.sentence, rule: i.rule, mention: i.name });
  }
  // Named variants of an introduced name ("Parrot-40K", "EfficientFormer-L7", "FastSpeech 2s").
  for (const f of ["title", "abstract"] as const) {
    for (const tok of coinedTokens(fieldText(f))) {
      for (const i of [...introduced]) {
        const base = i.entity.name;
        if (tok.text.length > base.length && tok.text.startsWith(base) && /^[-\s]?[\p{L}\p{N}]/u.test(tok.text.slice(base.length)) && !tok.text.slice(base.length).match(/^s$/)) {
          const entity = table.get(tok.text, i.entity.kind);
          if (!introduced.some((x) => x.entity === entity)) introduced.push({ entity, sentence: sentenceAt(f, tok.start) ?? title, rule: "introduces:variant", mention: tok.text });
        }
      }
    }
  }
  // "block-sparse FlashAttention": a hyphenated lower-case modifier right before an introduced coined name is a variant.
  for (const i of [...introduced]) {
    if (!isCoinedShape(i.entity.name) && !/\d$/.test(i.entity.name)) continue;
    for (const f of ["title", "abstract"] as const) {
      // "FastSpeech 2s" after "FastSpeech 2": a letter after a version number is a variant, not a plural.
      if (/\d$/.test(i.entity.name)) {
        const vre = new RegExp(`(?<![\\p{L}\\p{N}\\-])${escapeRegExp(i.entity.name)}\\p{Ll}{1,2}(?![\\p{L}\\p{N}\\-])`, "gu");
        for (const v of fieldText(f).matchAll(vre)) {
          const entity = table.get(v[0], i.entity.kind);
          if (!introduced.some((x) => x.entity === entity)) introduced.push({ entity, sentence: sentenceAt(f, v.index ?? 0) ?? title, rule: "introduces:variant", mention: v[0] });
        }
      }
      // (Only where the name occurs with a hyphen-joined word right before it: the regex is costly.)
      if (!new RegExp(`-\\p{Ll}+\\s+${escapeRegExp(i.entity.name)}`, "u").test(fieldText(f))) continue;
      const re = new RegExp(`(?<![\\p{L}\\p{N}\\-])((?!\\p{Ll}+ly-)\\p{Ll}+-\\p{Ll}+)\\s+${escapeRegExp(i.entity.name)}(?![\\p{L}\\p{N}\\-])`, "gu");
      for (const v of fieldText(f).matchAll(re)) {
        const entity = table.get(v[0], i.entity.kind);
        if (!introduced.some((x) => x.entity === entity)) introduced.push({ entity, sentence: sentenceAt(f, v.index ?? 0) ?? title, rule: "introduces:variant", mention: v[0] });
      }
    }
  }
  for (const i of introduced) {
    for (const f of ["title", "abstract"] as const) {
      for (const form of [i.entity.name, ...i.entity.aliases]) {
        for (const [a, b] of searchForm(fieldText(f), form, form.length <= 6)) addMention(i.entity, f, a, b, "introduced");
      }
    }
  }

  // 2. Vocabulary mentions; a model or hardware name with a size suffix is its own entity
  //    for models ("LLaMA-3-8B" vs "LLaMA-3-70B") and an alias for hardware ("A100-80GB").
  for (const f of ["title", "abstract"] as const) {
    for (const k of findKnown(fieldText(f))) {
      const base = table.fromVocab(k.entry);
      // "Vicuna-13B" is listed as an alias of Vicuna, but a size names its own model (7B != 13B).
      const sized = SIZED.test(k.text) && !SIZED.test(base.name);
      const suffixed = k.entry.kind === "Model" && nameKey(k.text) !== base.key && (lookupName(k.text) !== k.entry || sized);
      const entity = suffixed ? table.get(k.text, "Model") : base;
      addMention(entity, f, k.start, k.end, "vocabulary");
    }
  }

  // 3. Acronyms defined in the text become aliases of what they expand to; unknown pairs are local names.
  for (const p of pairs) {
    const known = lookupName(p.long) ?? lookupName(p.short);
    const entity = known ? table.fromVocab(known) : table.get(p.long, "Technique");
    table.alias(entity, p.short);
    table.alias(entity, p.long);
    for (const f of ["title", "abstract"] as const) {
      for (const [a, b] of searchForm(fieldText(f), p.long, false)) addMention(entity, f, a, b, "acronym");
      for (const [a, b] of searchForm(fieldText(f), p.short, true)) addMention(entity, f, a, b, "acronym");
    }
  }

  // 4. Other coined names: candidates for relations when a trigger points at them.
  for (const f of ["title", "abstract"] as const) {
    const text = fieldText(f);
    for (const tok of coinedTokens(text)) {
      const end = extendSuffix(text, tok.end, "Model");
      const form = text.slice(tok.start, end);
      const kind: EntityKind = /\d+(?:\.\d+)?[BM]$/.test(form) ? "Model" : "Technique";
      addMention(table.get(form, kind), f, tok.start, end, "coined");
    }
  }

  mentions.sort((a, b) => (a.sentence.field === b.sentence.field ? a.start - b.start : a.sentence.field === "title" ? -1 : 1));

  // 5. Compound names: two capitalised names side by side are one product ("PyTorch FSDP",
  //    "HuggingFace PEFT", "DeepSpeed ZeRO-3"): the first names the vendor or framework.
  for (let i = 0; i + 1 < mentions.length; i++) {
    const a = mentions[i]!;
    const b = mentions[i + 1]!;
    if (a.sentence !== b.sentence || b.start !== a.end + 1 || fieldText(a.sentence.field)[a.end] !== " ") continue;
    if (!COMPOUND_HEAD.has(a.entity.kind) || !COMPOUND_TAIL.has(b.entity.kind)) continue;
    if (!/^[\p{L}\p{N}]+$/u.test(a.text) || !/\p{Ll}\p{Lu}|^\p{Lu}{2,}/u.test(a.text) || VENDOR.test(a.text)) continue;
    if (!isCoinedShape(b.text) || a.entity.generic || b.entity.generic) continue;
    if (isIntroducedEntity(introduced, a.entity) || isIntroducedEntity(introduced, b.entity)) continue;
    const text = fieldText(a.sentence.field).slice(a.start, b.end);
    const entity = table.get(text, b.entity.kind);
    table.alias(entity, text);
    mentions.splice(i, 2, { entity, sentence: a.sentence, start: a.start, end: b.end, text, source: b.source === "coined" && a.source === "coined" ? "coined" : "vocabulary" });
  }
  return { paper, sentences, mentions, introduced, entities: table.byKey };
}
