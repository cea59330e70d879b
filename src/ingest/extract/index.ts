// Extraction entry point: extractFacts(paper) -> Facts, a pure function (no I/O, no clock).
// candidates (every span a name could be) -> tagger (where a sequence model marks names) ->
// features -> model (trained logistic regressions) -> facts (decisions, entities, evidence).
// See docs/extraction.md.
import { FACT_KINDS, MAX_ABSTRACT_CHARS, type ContractRecord, type FactKind, type Facts, type Paper } from "../../domain";
import { mentionKey, read } from "./candidates";
import { acronymPartners, decide, factsOf, pooledByPartner } from "./facts";
import { writeFeatures } from "./features";
import { MODEL_HASH, Scorer, shippedModel, type Model } from "./model";
import { tagReading } from "./tagger";
import { VOCABULARY_VERSION } from "./vocabulary";

/** Pipeline version + model hash + vocabulary version: a change in any re-extracts stored papers. */
export const EXTRACTOR_VERSION = `2.7.10+model.${MODEL_HASH}+vocab.${VOCABULARY_VERSION}`;

/** The part of a paper extraction reads (see MAX_ABSTRACT_CHARS). */
function readablePart(paper: Paper): Paper {
  if (paper.abstract.length <= MAX_ABSTRACT_CHARS) return paper;
  const head = paper.abstract.slice(0, MAX_ABSTRACT_CHARS);
  const end = Math.max(head.lastIndexOf(". "), head.lastIndexOf(".\n"));
  return { ...paper, abstract: end > 0 ? head.slice(0, end + 1) : head };
}

export interface ExtractOptions {
  readonly model?: Model;
  /** Cross-validation only: vocabulary keys the held-out paper may not see. */
  readonly hiddenVocabulary?: ReadonlySet<string>;
}

export function extractFacts(paper: Paper, options: ExtractOptions = {}): Facts {
  const model = options.model ?? shippedModel();
  const reading = read(readablePart(paper));
  const partners = acronymPartners(reading);
  const scorer = new Scorer(model);
  const tags = tagReading(model.tagger, reading, model);
  writeFeatures(reading, { lexicon: model.lexicon, pwc: model.pwc, terms: model.terms, origins: model.origins, hiddenVocabulary: options.hiddenVocabulary, tags }, partners, scorer);
  const probs = pooledByPartner(reading, scorer.result(), partners);
  const { facts, lineage } = factsOf(reading, probs, decide(reading, probs, model.threshold, partners), partners);
  return Object.freeze({ paper, facts: Object.freeze(facts), lineage: Object.freeze(lineage), extractorVersion: EXTRACTOR_VERSION });
}

/**
 * The `techtree extract --json` object for one paper: names per field as the paper writes them, in
 * the facts' order, deduplicated. Names of one entity are each listed ("T5-base", "T5-XXL"): readers
 * (and the gold) list what the paper names; the graph keeps the canonical entity.
 */
export function toContractRecord(facts: Facts): ContractRecord {
  const fields = Object.fromEntries(FACT_KINDS.map((k) => [k, [] as string[]])) as Record<FactKind, string[]>;
  const keys = Object.fromEntries(FACT_KINDS.map((k) => [k, new Set<string>()])) as Record<FactKind, Set<string>>;
  for (const f of facts.facts) {
    for (const name of [f.mention ?? f.entity.name, ...(f.otherMentions ?? [])]) {
      const key = mentionKey(name);
      if (keys[f.kind].has(key)) continue;
      keys[f.kind].add(key);
      fields[f.kind].push(name);
    }
  }
  // The title as the input wrote it, by which a scorer pairs the record with its annotation.
  return { title: facts.paper.titleAsWritten ?? facts.paper.title, ...fields };
}
