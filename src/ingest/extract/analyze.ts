// Reads a paper once into the shared context every fact extractor works from: sentences,
// canonical entities and every mention of them (vocabulary, learned acronyms, introduced names).
import { nameKey, type EntityKind, type EntityRef, type Paper } from "../../domain";
import { findAcronymPairs, type AcronymPair } from "./acronyms";
import { coinedTokens, isCoinedShape } from "./names";
import { objectPhrases } from "./nlp";
import { splitSentences, type Sentence } from "./sentences";
import { INTRO_VERB, NAMING } from "./triggers";
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
    const prefix = colon[1]!.trim();
    const words = prefix.split(/\s+/);
    const coined = words.some((w) => isCoinedShape(w));
    if (!TITLE_STOP.test(prefix) || coined) {
      if (words.length <= 4 && (coined || words.every((w) => /^[\p{Lu}\d]/u.test(w)))) add(prefix, "introduces:title-colon", title, colon[2]!);
    }
  }

  for (const s of abstract) {
    const iv = INTRO_VERB.exec(s.text);
    if (iv) {
      const after = s.text.slice(iv.index + iv[0].length);
      const afterStart = s.start + iv.index + iv[0].length;
      // "Adaptive Parallel Encoding (APE)": an acronym defined right in the introducing clause.
      for (const p of pairs) {
        if (p.start >= afterStart && p.start < afterStart + 80 && p.start < s.end && /^[\p{Lu}]/u.test(p.long)) add(p.long, "introduces:we-propose", s, s.text.slice(p.end - s.start, p.end - s.start + 60), p.short);
      }
      const verb = iv[1]!.toLowerCase();
      // compromise costs ~2 ms a sentence: ask it for the object phrase only when no coined token is there.
      const quick = coinedTokens(after.slice(0, 50)).some((t) => !lookupName(t.text));
      const phrases = quick ? [] : objectPhrases(s.text, [verb, verb + "s", verb + "d"]);
      let named = false;
      for (const ph of phrases) {
        const name = namedPhrase(ph.text);
        if (name && !lookupName(name)?.generic) {
          add(name, "introduces:we-propose", s, s.text.slice(ph.start, ph.end + 60));
          named = true;
        }
      }
      if (!named) {
        // The first coined token of the object, before the clause goes on ("..., which").
        const clause = after.split(/,\s(?:which|that|where|while)\b|;/)[0]!;
        const tok = coinedTokens(clause).find((t) => !lookupName(t.text) && !/^[A-Z]{2,5}s?$/.test(t.text));
        if (tok) add(tok.text, "introduces:we-propose", s, clause.slice(tok.end, tok.end + 60));
      }
    }
    NAMING.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = NAMING.exec(s.text))) {
      const rest = s.text.slice(m.index + m[0].length);
      const tok = coinedTokens(rest.slice(0, 40))[0];
      if (tok && tok.start === 0) add(tok.text, "introduces:called", s, s.text.slice(0, m.index));
      else {
        const cap = /^((?:[\p{Lu}][\p{L}\p{N}\-]*\s?){1,4})/u.exec(rest);
        if (cap) add(cap[1]!.trim(), "introduces:called", s, s.text.slice(0, m.index));
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

export function analyze(paper: Paper): Context {
  const table = new EntityTable();
  const title = splitSentences(paper.title, "title")[0] ?? { field: "title" as const, text: paper.title, start: 0, end: paper.title.length };
  const abstract = splitSentences(paper.abstract, "abstract");
  const sentences = [title, ...abstract];
  const fieldText = (f: Sentence["field"]) => (f === "title" ? paper.title : paper.abstract);
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
  const pairs = [...findAcronymPairs(paper.abstract)];
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
      const suffixed = k.entry.kind === "Model" && lookupName(k.text) !== k.entry && nameKey(k.text) !== base.key;
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
  return { paper, sentences, mentions, introduced, entities: table.byKey };
}
