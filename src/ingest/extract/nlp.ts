// The only module that imports compromise. Its lexicon is process-global, so everything it needs
// is registered here once, at load time, as data. Callers get plain spans and tagged terms,
// never compromise docs.
//
// Where it is used (docs/extraction.md): part-of-speech tags for the object of a comparison cue
// (objects.ts: "outperforms BM25 by 44%, a plainly trained DR by 19%, ...") and of "we propose ..."
// (analyze.ts), only on sentences that carry such a cue. Only compromise's lexicon and first-pass
// tagger run (compute "lexicon" + "preTagger" after tokenize): its post-tagger costs three times as much and
// changes nothing the chunker reads.
import nlp from "compromise";

/** Verbs compromise mis-tags in terse technical prose ("compares" as a plural noun). */
const VERBS = [
  "propose", "proposes", "introduce", "introduces", "present", "presents", "outperforms", "outperform",
  "compares", "surpasses", "leverages", "integrates", "extends", "dub", "dubbed", "coined", "termed",
  "use", "uses", "rely", "relies", "employ", "employs", "adopt", "adopts", "requires", "require",
];
/** Technical nouns compromise reads as verbs or names. */
const NOUNS = [
  "recomputation", "encoding", "decoding", "finetuning", "fine-tuning", "re-ranking", "reranking", "caching", "batching",
  "offloading", "pruning", "sampling", "routing", "search", "attention", "retrievers", "rerankers", "re-rankers", "baselines",
];

nlp.plugin({
  tags: { CoinedName: { isA: "ProperNoun" } },
  words: { ...Object.fromEntries(VERBS.map((v) => [v, "Verb"])), ...Object.fromEntries(NOUNS.map((v) => [v, "Noun"])) },
});

export interface Span {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface Term extends Span {
  readonly tags: ReadonlySet<string>;
  /** Punctuation and space after the term ("," in "BM25, DR"). */
  readonly post: string;
}

/**
 * compromise splits "FlashAttention-2" and "Cache-Craft" at the hyphen. A non-breaking hyphen
 * (U+2011) keeps such tokens whole and has the same length, so offsets stay valid.
 */
function protect(text: string): string {
  return text.replace(/(?<=[\p{L}\p{N}])-(?=[\p{L}\p{N}])/gu, "\u2011");
}

const STEPS = ["lexicon", "preTagger"];

interface RawTerm {
  text: string;
  pre: string;
  post: string;
  tags: Set<string>;
}

/** Terms of a short text with compromise's part-of-speech tags and offsets into `text`. */
export function tagTerms(text: string): Term[] {
  const safe = protect(text);
  const doc = nlp.tokenize(safe);
  doc.compute(STEPS);
  const out: Term[] = [];
  let pos = 0;
  for (const sentence of doc.docs as RawTerm[][]) {
    for (const t of sentence) {
      const at = safe.indexOf(t.text, pos);
      if (at < 0) continue;
      const end = at + t.text.length;
      out.push({ text: text.slice(at, end), start: at, end, tags: t.tags, post: t.post });
      pos = end;
    }
  }
  return out;
}
