// Training rows, the shipped model, and paper-level k-fold cross-validation: the only quality
// figure we report. Folds are fixed by a hash of the title, so a paper is always held out in the
// same fold. Everything a fold's model sees (weights, the gold-derived lexicon, the curated
// vocabulary's seed-fitted entries) comes from its training papers only.
import { createHash } from "node:crypto";
import { FACT_KINDS, titleKey, type ContractRecord, type FactKind } from "../../../domain";
import { mentionKey, read, type Reading } from "../candidates";
import { acronymPartners } from "../facts";
import { featuresOf, lexiconRows, spanIndex, type FeatureContext, type Lexicon, type SpanIndex } from "../features";
import { extractFacts, toContractRecord } from "../index";
import { modelOf, type Model, type ModelFile } from "../model";
import { tagFeatures, taggerOf, type SentenceTags, type TaggerFile } from "../tagger";
import type { Example, Reference } from "./data";
import { DEFAULT_LOGISTIC, SKIP, trainLogistic, type LogisticOptions, type Row, type Weights } from "./logistic";
import { scorePapers, type Score } from "./score";
import { DEFAULT_TAGGER, taggedSentences, trainTagger, type TaggedSentence } from "./tagger";

export const FOLDS = 5;

export interface TrainOptions extends LogisticOptions {
  readonly threshold: number;
}

export const DEFAULT_TRAIN: TrainOptions = { ...DEFAULT_LOGISTIC, threshold: 0.3 };

export function foldOf(title: string): number {
  return parseInt(createHash("sha256").update(titleKey(title)).digest("hex").slice(0, 8), 16) % FOLDS;
}

interface Prepared {
  readonly example: Example;
  readonly reading: Reading;
  /** This paper's contribution to a lexicon. */
  readonly own: Map<string, number[]>;
  readonly fold: number;
  readonly partners: ReadonlyMap<string, string>;
  readonly spans: SpanIndex;
  /** The tagger's training sentences: token features and gold labels. */
  readonly sentences: readonly TaggedSentence[];
}

/** The reference data as the features read it. */
function referenceContext(reference: Reference): Pick<FeatureContext, "pwc" | "terms" | "origins"> {
  return { pwc: new Set(reference.pwc), terms: new Map(Object.entries(reference.terms)), origins: new Map(Object.entries(reference.origins)) };
}

function prepare(examples: readonly Example[], reference: Reference): Prepared[] {
  const ref = referenceContext(reference);
  return examples.map((example) => {
    const reading = read(example.paper);
    return {
      example,
      reading,
      sentences: taggedSentences([{ reading, names: new Set(FACT_KINDS.flatMap((k) => [...example.keys[k]])) }], ref),
      own: lexiconRows(reading, example.keys),
      fold: foldOf(example.paper.title),
      partners: acronymPartners(reading),
      spans: spanIndex(reading),
    };
  });
}

/** Sum of the papers' lexicon rows, keeping only keys some paper's gold names. */
function lexiconOf(papers: readonly Prepared[]): Map<string, number[]> {
  const sum = new Map<string, number[]>();
  for (const p of papers) {
    for (const [k, row] of p.own) {
      const s = sum.get(k);
      if (s) row.forEach((v, i) => (s[i] = s[i]! + v));
      else sum.set(k, [...row]);
    }
  }
  for (const [k, row] of sum) if (!row.slice(1).some((v) => v > 0)) sum.delete(k);
  return sum;
}

/** How many papers' gold names each key, any kind. */
function goldCounts(papers: readonly Prepared[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of papers) {
    const keys = new Set(FACT_KINDS.flatMap((k) => [...p.example.keys[k]]));
    for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/**
 * The curated vocabulary was written while reading the seed papers, so for a seed paper it knows
 * names no reader of unseen papers would have: a seed paper's gold names that no other (training)
 * paper's gold gives are hidden from its vocabulary features. `self` counts the paper itself in
 * `counts` (training rows) or not (held-out rows).
 */
function hiddenFor(p: Prepared, counts: Map<string, number>, self: number): Set<string> | undefined {
  if (p.example.source !== "seed") return undefined;
  const keys = FACT_KINDS.flatMap((k) => [...p.example.keys[k]]);
  return new Set(keys.filter((k) => (counts.get(k) ?? 0) - self <= 0));
}

/** Taggers by the folds they were trained on: the cross-fits of one fold's training papers are another's. */
type TaggerCache = Map<string, TaggerFile>;

function taggerFor(papers: readonly Prepared[], cache: TaggerCache): TaggerFile {
  const key = [...new Set(papers.map((p) => p.fold))].sort().join(",");
  let file = cache.get(key);
  if (!file) cache.set(key, (file = trainTagger(papers.flatMap((p) => p.sentences), DEFAULT_TAGGER)));
  return file;
}

/**
 * The tagger's labels for every training paper from a tagger that did not see it: trained on the
 * other folds of `papers` (an inner cross-fit by the same title hash). A tagger that had seen the
 * paper would mark its names almost perfectly, and the span model would learn to trust it.
 */
function crossFitTags(papers: readonly Prepared[], cache: TaggerCache): Map<Prepared, SentenceTags[]> {
  const out = new Map<Prepared, SentenceTags[]>();
  for (const fold of [...new Set(papers.map((p) => p.fold))].sort()) {
    const tagger = taggerOf(taggerFor(papers.filter((p) => p.fold !== fold), cache));
    for (const p of papers) {
      if (p.fold !== fold) continue;
      out.set(p, p.sentences.map((s) => tagFeatures(tagger, s.features)));
    }
  }
  return out;
}

/** Every candidate of every training paper, its features from a lexicon of all of them less its own labels. */
function rowsOf(papers: readonly Prepared[], lexicon: Lexicon, reference: Pick<FeatureContext, "pwc" | "terms" | "origins">, tags: ReadonlyMap<Prepared, readonly SentenceTags[]>): Row[] {
  const counts = goldCounts(papers);
  const rows: Row[] = [];
  for (const p of papers) {
    const features = featuresOf(p.reading, { lexicon, ...reference, own: p.own, hiddenVocabulary: hiddenFor(p, counts, 1), tags: tags.get(p) }, p.partners, p.spans);
    p.reading.candidates.forEach((c, i) => {
      rows.push({ features: [...features[i]!], labels: labelsOf(FACT_KINDS.map((k) => p.example.keys[k].has(c.key))) });
    });
  }
  return rows;
}

/** The row's labels per model output (model.OUTPUTS): the kinds, "name", and the kinds given a name, which only names train. */
function labelsOf(kinds: readonly boolean[]): Uint8Array {
  const name = kinds.some(Boolean);
  return Uint8Array.from([...kinds.map(Number), Number(name), ...kinds.map((k) => (name ? Number(k) : SKIP))]);
}

function weightsFile({ bias, weights }: Weights): Pick<ModelFile, "bias" | "weights"> {
  const round = (w: number) => Math.round(w * 1e4) / 1e4;
  const kept = [...weights].filter(([, w]) => w.some((v) => Math.abs(v) >= 1e-3)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { bias: bias.map(round), weights: Object.fromEntries(kept.map(([f, w]) => [f, w.map(round)])) };
}

function fit(papers: readonly Prepared[], reference: Reference, options: TrainOptions, taggers: TaggerCache = new Map()): ModelFile {
  const lexicon = lexiconOf(papers);
  const tags = crossFitTags(papers, taggers);
  const rows = rowsOf(papers, lexicon, referenceContext(reference), tags);
  return {
    format: 4,
    ...weightsFile(trainLogistic(rows, options)),
    threshold: options.threshold,
    lexicon: Object.fromEntries([...lexicon].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    pwc: reference.pwc,
    terms: reference.terms,
    origins: reference.origins,
    tagger: taggerFor(papers, taggers),
    trainedOn: {
      papers: papers.length,
      seed: papers.filter((p) => p.example.source === "seed").length,
      train: papers.filter((p) => p.example.source === "train").length,
      epochs: options.epochs,
      alpha: options.alpha,
      beta: options.beta,
      l1: options.l1,
      l2: options.l2,
      minCount: options.minCount,
    },
  };
}

/** The model shipped in model/model.json: every annotated paper. */
export function trainModel(examples: readonly Example[], reference: Reference, options: TrainOptions = DEFAULT_TRAIN): ModelFile {
  return fit(prepare(examples, reference), reference, options);
}

export interface CrossValidation {
  readonly score: Score;
  readonly bySource: Readonly<Record<Example["source"], Score>>;
  /** Expected calibration error of the emitted facts' confidences (10 equal-width bins). */
  readonly ece: number;
  readonly facts: number;
  /** Every paper's out-of-fold prediction, in the extract --json contract. */
  readonly predictions: readonly ContractRecord[];
}

export function crossValidate(examples: readonly Example[], reference: Reference, options: TrainOptions = DEFAULT_TRAIN, onFold?: (fold: number) => void): CrossValidation {
  const prepared = prepare(examples, reference);
  const predictions: Array<{ example: Example; record: ReturnType<typeof toContractRecord> }> = [];
  const calibration: Array<{ confidence: number; right: boolean }> = [];
  const taggers: TaggerCache = new Map();
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = prepared.filter((p) => p.fold !== fold);
    const test = prepared.filter((p) => p.fold === fold);
    const model: Model = modelOf(fit(train, reference, options, taggers));
    const counts = goldCounts(train);
    for (const p of test) {
      const facts = extractFacts(p.example.paper, { model, hiddenVocabulary: hiddenFor(p, counts, 0) });
      predictions.push({ example: p.example, record: toContractRecord(facts) });
      const seen = new Set<string>();
      for (const f of facts.facts) {
        const id = `${f.kind}\u0000${f.entity.key}`;
        if (seen.has(id)) continue;
        seen.add(id);
        calibration.push({ confidence: f.evidence.confidence, right: rightFact(p.example, f.kind, f.mention ?? f.entity.name) });
      }
    }
    onFold?.(fold);
  }
  const bySource = {
    seed: scorePapers(predictions.filter((x) => x.example.source === "seed")),
    train: scorePapers(predictions.filter((x) => x.example.source === "train")),
  };
  return {
    score: scorePapers(predictions),
    bySource,
    ece: expectedCalibrationError(calibration),
    facts: calibration.length,
    predictions: predictions.map((x) => x.record),
  };
}

function rightFact(example: Example, kind: FactKind, name: string): boolean {
  return example.keys[kind].has(mentionKey(name));
}

export function expectedCalibrationError(points: ReadonlyArray<{ confidence: number; right: boolean }>, bins = 10): number {
  if (points.length === 0) return 0;
  const n = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const right = new Array<number>(bins).fill(0);
  for (const p of points) {
    const b = Math.min(bins - 1, Math.floor(p.confidence * bins));
    n[b] = n[b]! + 1;
    conf[b] = conf[b]! + p.confidence;
    right[b] = right[b]! + (p.right ? 1 : 0);
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (n[b]! > 0) ece += (n[b]! / points.length) * Math.abs(conf[b]! / n[b]! - right[b]! / n[b]!);
  return ece;
}
