// The only module that imports compromise. Extraction uses its English lexicon (about 25k words
// with their part of speech) as a word-class feature: "propose" is a verb, "novel" an adjective,
// "of" a preposition. Only the lexicon is read, never the tagger: a dictionary lookup per word
// keeps extraction well above 300 papers/s on one core (docs/extraction.md).
import nlp from "compromise";

const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | undefined> } }).one.lexicon;

/** Technical words compromise does not list, with the class they have in abstracts. */
const EXTRA: Record<string, string> = {
  outperforms: "PresentTense", outperform: "Infinitive", surpasses: "PresentTense", leverages: "PresentTense",
  attention: "Noun", quantization: "Noun", inference: "Noun", decoding: "Gerund", baselines: "Plural",
};

/** compromise's lexicon tag for a lower-case word, a suffix class when it lists none. */
export function wordClass(lower: string): string {
  const tag = EXTRA[lower] ?? lexicon[lower];
  if (tag) return tag;
  if (/\d/.test(lower)) return "Num";
  const m = /(tion|ment|ness|ity|ing|ed|ly|er|s)$/.exec(lower);
  return m ? "-" + m[1] : "unk";
}
