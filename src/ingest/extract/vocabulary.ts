// The curated vocabulary (vocabulary/vocabulary.json; its entries and name index: src/domain/vocabulary.ts)
// compiled once at load time into an Aho-Corasick matcher. Known names are found here; compromise
// never decides what a name is.
import AhoCorasick from "modern-ahocorasick";
import { ENTRIES, type EntityKind, type VocabEntry } from "../../domain";
import vocabularyFile from "./vocabulary/vocabulary.json";

/** A span of text that names a vocabulary entry. */
export interface KnownMention {
  readonly entry: VocabEntry;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

interface Pattern {
  readonly entry: VocabEntry;
  /** Acronym-like aliases ("PQ", "MoE") only match in their own letter case. */
  readonly exact: string | null;
  /** "=Frontier", "=Accelerate": a name that is also a capitalised English word; see findKnown. */
  readonly wordLike: boolean;
}

export const VOCABULARY_VERSION: string = vocabularyFile.version;

export const LINEAGE: ReadonlyArray<readonly [string, string]> = (vocabularyFile.lineage as string[][]).map(
  ([a, b]) => [a!, b!] as const,
);

/** Spelling variants a reader meets: plural, hyphen vs space, hyphen dropped. */
function variants(alias: string): string[] {
  const out = new Set<string>([alias]);
  if (alias.includes("-")) {
    out.add(alias.replace(/-/g, " "));
    if (!/\d/.test(alias)) out.add(alias.replace(/-/g, ""));
  }
  for (const v of [...out]) {
    if (/[a-z]$/.test(v) && !v.endsWith("s")) out.add(v + "s");
    if (/[A-Z]{2,}$/.test(v)) out.add(v + "s");
  }
  return [...out];
}

/** Two or more capitals in a short alias: an acronym, whose lower-case form is usually a word. */
function isExactCase(alias: string): boolean {
  return alias.startsWith("=") || (alias.length <= 6 && (alias.match(/[A-Z]/g) ?? []).length >= 2);
}

const patterns: Pattern[] = [];
const patternIndex = new Map<string, number>();
const patternText: string[] = [];
for (const entry of ENTRIES) {
  for (const raw of entry.raw) {
    const exactCase = isExactCase(raw);
    for (const v of variants(raw.replace(/^=/, ""))) {
      const lower = v.toLowerCase();
      const id = exactCase ? `${lower}\u0000${v}` : lower;
      if (patternIndex.has(id)) continue;
      patternIndex.set(id, patterns.length);
      patterns.push({ entry, exact: exactCase ? v : null, wordLike: raw.startsWith("=") && /^\p{Lu}\p{Ll}+$/u.test(v) });
      patternText.push(lower);
    }
  }
}

// Several patterns may share a lower-case text (e.g. "SSD" exact and "ssd" folded): keep all.
const byText = new Map<string, number[]>();
patternText.forEach((t, i) => byText.set(t, [...(byText.get(t) ?? []), i]));
const matcher = new AhoCorasick([...byText.keys()]);
const textsInOrder = [...byText.keys()];

const WORD = /[\p{L}\p{N}]/u;
const JOINABLE = /^(?:based|like|style|level|sized|scale|only|free|aware|specific|powered|derived|driven|centric|friendly|enabled|compatible|generated|trained|tuned|class)\b/;

/** A name ends at a word edge; "A100-80GB" is cut to its A100 head only through an explicit variant rule. */
function atBoundary(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  if (before !== undefined && (WORD.test(before) || (before === "-" && WORD.test(text[start - 2] ?? "")))) return false;
  if (after !== undefined && WORD.test(after)) return false;
  // "MiniGPT4-Video" is a different name, but "BERT-based" and "GPT-style" still mention BERT and GPT.
  if (after === "-" && /\p{L}/u.test(text[end + 1] ?? "") && !JOINABLE.test(text.slice(end + 1, end + 12))) return false;
  return true;
}

/**
 * Hardware and models carry suffixes the vocabulary need not list: "A100-80GB", "LLaMA-3-8B",
 * "Llama-2 7B", "GPT-4-turbo". The suffix joins the mention (the gold writes it so) but the
 * entity stays the vocabulary entry unless the suffix is a version (digits), which never merges.
 */
const SIZE_SUFFIX = /^(?:[- ]\d+(?:\.\d+)?[BMK]\b|-\d+(?:\.\d+)?(?:GB|G)\b|-(?:[Bb]ase|[Ll]arge|[Ss]mall|[Tt]iny|[Mm]ini|[Mm]edium|XL|XXL|xl|xxl|[Tt]urbo|[Ii]nstruct|[Cc]hat|[Hh]uge|[Gg]iant|v\d+(?:\.\d+)?)\b(?!-\p{Ll})| (?:Base|Large|Small|Tiny|Mini|Medium|XL|XXL|Turbo|Instruct|Chat|Huge|Giant)\b(?! [\p{Lu}\p{Ll}])|-(?:[LlSsMmTtBb]\d+|\d+[kK])\b|-\d+(?:\.\d+)?[BM]-[A-Za-z]+\b)/u;

export function extendSuffix(text: string, end: number, kind: EntityKind): number {
  if (kind !== "Model" && kind !== "Hardware") return end;
  let e = end;
  for (let i = 0; i < 3; i++) {
    const m = SIZE_SUFFIX.exec(text.slice(e, e + 24));
    if (!m) break;
    e += m[0].length;
  }
  return e;
}

/** All vocabulary mentions in a text: leftmost-longest over word-bounded, case-checked matches. */
export function findKnown(text: string): KnownMention[] {
  const lower = text.toLowerCase();
  const raw = matcher.search(lower, { strategy: "all" });
  const cands: KnownMention[] = [];
  // In a Title Case title every word is capitalised, so "Frontier" there is the English word.
  const titleCase = isTitleCase(text);
  for (const m of raw) {
    const ids = byText.get(textsInOrder[m.patternIndex]!) ?? [];
    const surface = text.slice(m.start, m.end);
    const p = ids.map((i) => patterns[i]!).find((pt) => (pt.exact === null || pt.exact === surface) && !(titleCase && pt.wordLike));
    if (!p) continue;
    // "MobileOne-S2", "MobileNetV3-Large": a model or hardware name may run on into its size suffix.
    if (!atBoundary(text, m.start, m.end)) {
      const ext = extendSuffix(text, m.end, p.entry.kind);
      if (ext === m.end || !atBoundary(text, m.start, ext)) continue;
    }
    // "ZeRO-3" is not ZeRO, "MMLU-2" not MMLU: a technique or dataset followed by "-<digit>" is another name.
    if ((p.entry.kind === "Technique" || p.entry.kind === "Dataset") && text[m.end] === "-" && /\d/.test(text[m.end + 1] ?? "")) continue;
    cands.push({ entry: p.entry, start: m.start, end: m.end, text: surface });
  }
  cands.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: KnownMention[] = [];
  let last = -1;
  for (const c of cands) {
    if (c.start < last) continue;
    const end = extendSuffix(text, c.end, c.entry.kind);
    out.push(end === c.end ? c : { ...c, end, text: text.slice(c.start, end) });
    last = end;
  }
  return out;
}

/** Most longer words capitalised: a headline, where capitals say nothing about names. */
function isTitleCase(text: string): boolean {
  const words = text.match(/\b\p{L}{4,}\b/gu) ?? [];
  if (words.length < 3) return false;
  return words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length >= 0.7;
}

export const PATTERN_COUNT = patterns.length;
