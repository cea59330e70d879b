// The only module that imports compromise. Its lexicon is process-global, so everything it needs
// is registered here once, at load time, as data. Callers get plain spans, never compromise docs.
import nlp from "compromise";

/** Verbs compromise mis-tags in terse technical prose ("compares" as a plural noun). */
const VERBS = [
  "propose", "proposes", "introduce", "introduces", "present", "presents", "outperforms", "outperform",
  "compares", "surpasses", "leverages", "integrates", "extends", "dub", "dubbed", "coined", "termed",
];

nlp.plugin({
  tags: { CoinedName: { isA: "ProperNoun" } },
  words: Object.fromEntries(VERBS.map((v) => [v, "Verb"])),
});

export interface Span {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * compromise splits "FlashAttention-2" and "Cache-Craft" at the hyphen. A non-breaking hyphen
 * (U+2011) keeps such tokens whole and has the same length, so offsets stay valid.
 */
function protect(text: string): string {
  return text.replace(/(?<=[\p{L}\p{N}])-(?=[\p{L}\p{N}])/gu, "\u2011");
}

interface JsonSpan {
  text: string;
  offset: { start: number; length: number };
}

/**
 * Noun phrases that directly follow a verb of the given list ("we propose [a novel cache]").
 * Used for the one or two sentences per paper that introduce its contribution.
 */
export function objectPhrases(sentence: string, verbs: readonly string[]): Span[] {
  const doc = nlp(protect(sentence));
  const verbGroup = `(${verbs.join("|")})`;
  const found = doc.match(`${verbGroup} [<obj>(#Determiner|#Adjective|#Noun|#Acronym|#Value|#Hyphenated|#ProperNoun)+]`, "obj");
  const json = found.json({ offset: true }) as JsonSpan[];
  return json.map((j) => {
    const start = j.offset.start;
    let text = sentence.slice(start, start + j.offset.length);
    text = text.replace(/[\s,.;:)]+$/, "");
    return { text, start, end: start + text.length };
  });
}

/** Proper-noun-like runs compromise sees in a sentence; a fallback for names outside the vocabulary. */
export function properNouns(sentence: string): Span[] {
  const doc = nlp(protect(sentence));
  const json = doc.match("(#ProperNoun|#Acronym)+").json({ offset: true }) as JsonSpan[];
  return json.map((j) => {
    const start = j.offset.start;
    const text = sentence.slice(start, start + j.offset.length).replace(/[\s,.;:)]+$/, "");
    return { text, start, end: start + text.length };
  });
}
