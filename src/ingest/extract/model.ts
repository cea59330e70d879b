// Stage 3 of extraction: the trained classifiers. One logistic regression per fact kind over the
// same binary features; a candidate's probability for a kind is sigmoid(bias + sum of the weights
// of its features). The weights, the decision threshold, the gold-derived lexicon and the Papers
// with Code keys live in model/model.json, written by `npm run train` (train/cli.ts).
import { createHash } from "node:crypto";
import { FACT_KINDS, type FactKind } from "../../domain";
import type { Lexicon, LexiconRow } from "./features";
import modelFile from "./model/model.json";

export interface ModelFile {
  readonly format: 1;
  /** Per fact kind, in FACT_KINDS order. */
  readonly bias: readonly number[];
  /** Feature -> one weight per fact kind (FACT_KINDS order). */
  readonly weights: Readonly<Record<string, readonly number[]>>;
  /** A fact is kept when its probability reaches this. */
  readonly threshold: number;
  /** Key -> [papers where the key is a candidate, then papers whose gold gives it each fact kind]. */
  readonly lexicon: Readonly<Record<string, LexiconRow>>;
  readonly pwc: readonly string[];
  /** How the file was made: papers, features, the training settings. */
  readonly trainedOn: Readonly<Record<string, unknown>>;
}

export interface Model {
  readonly bias: Float64Array;
  readonly weights: ReadonlyMap<string, readonly number[]>;
  readonly threshold: number;
  readonly lexicon: Lexicon;
  readonly pwc: ReadonlySet<string>;
}

export function modelOf(file: ModelFile): Model {
  return {
    bias: Float64Array.from(file.bias),
    weights: new Map(Object.entries(file.weights)),
    threshold: file.threshold,
    lexicon: new Map(Object.entries(file.lexicon)),
    pwc: new Set(file.pwc),
  };
}

export const MODEL: Model = modelOf(modelFile as unknown as ModelFile);

/** First 12 hex digits of the model file's hash: part of EXTRACTOR_VERSION. */
export const MODEL_HASH = createHash("sha256").update(JSON.stringify(modelFile)).digest("hex").slice(0, 12);

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Probability of each fact kind (FACT_KINDS order) for one candidate's features. */
export function predict(model: Pick<Model, "bias" | "weights">, features: Iterable<string>): Float64Array {
  const z = Float64Array.from(model.bias);
  for (const f of features) {
    const w = model.weights.get(f);
    if (!w) continue;
    for (let k = 0; k < z.length; k++) z[k] = z[k]! + w[k]!;
  }
  for (let k = 0; k < z.length; k++) z[k] = sigmoid(z[k]!);
  return z;
}

export const KIND_INDEX: { readonly [K in FactKind]: number } = Object.fromEntries(FACT_KINDS.map((k, i) => [k, i])) as { [K in FactKind]: number };
