// Stage 3 of extraction: the trained classifiers. One logistic regression per fact kind over the
// same binary features; a candidate's probability for a kind is sigmoid(bias + sum of the weights
// of its features). The weights, the decision threshold, the gold-derived lexicon and the Papers
// with Code keys live in model/model.json, written by `npm run train` (train/cli.ts).
import { createHash } from "node:crypto";
import { FACT_KINDS, type FactKind } from "../../domain";
import type { Lexicon, LexiconRow } from "./features";
import modelFile from "./model/model.json";

export interface ModelFile {
  readonly format: 2;
  /** Per fact kind, in FACT_KINDS order. */
  readonly bias: readonly number[];
  /** Feature -> one weight per fact kind (FACT_KINDS order). */
  readonly weights: Readonly<Record<string, readonly number[]>>;
  /** A fact is kept when its probability reaches this. */
  readonly threshold: number;
  /** Key -> [papers where the key is a candidate, then papers whose gold gives it each fact kind]. */
  readonly lexicon: Readonly<Record<string, LexiconRow>>;
  readonly pwc: readonly string[];
  /** Key -> count of the phrase in the Papers with Code method descriptions (features.termBucket). */
  readonly terms: Readonly<Record<string, number>>;
  /** features.originKey of a Papers with Code method's introducing paper -> the methods' keys. */
  readonly origins: Readonly<Record<string, readonly string[]>>;
  /** How the file was made: papers, features, the training settings. */
  readonly trainedOn: Readonly<Record<string, unknown>>;
}

export interface Model {
  readonly bias: Float64Array;
  /** Feature -> its row in `matrix` (one weight per fact kind, FACT_KINDS order). */
  readonly index: ReadonlyMap<string, number>;
  readonly matrix: Float64Array;
  readonly threshold: number;
  readonly lexicon: Lexicon;
  readonly pwc: ReadonlySet<string>;
  readonly terms: ReadonlyMap<string, number>;
  readonly origins: ReadonlyMap<string, readonly string[]>;
}

export function modelOf(file: ModelFile): Model {
  const rows = Object.entries(file.weights);
  return {
    bias: Float64Array.from(file.bias),
    index: new Map(rows.map(([f], i) => [f, i])),
    matrix: Float64Array.from(rows.flatMap(([, w]) => w)),
    threshold: file.threshold,
    lexicon: new Map(Object.entries(file.lexicon)),
    pwc: new Set(file.pwc),
    terms: new Map(Object.entries(file.terms)),
    origins: new Map(Object.entries(file.origins)),
  };
}

export const MODEL: Model = modelOf(modelFile as unknown as ModelFile);

/** First 12 hex digits of the model file's hash: part of EXTRACTOR_VERSION. */
export const MODEL_HASH = createHash("sha256").update(JSON.stringify(modelFile)).digest("hex").slice(0, 12);

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * A features.FeatureSink that adds up the model's weights as features arrive: each candidate's
 * probability per fact kind, without building its feature set. A feature counts once per candidate
 * (a stamp per weight row says which candidate last added it).
 */
export class Scorer {
  readonly probs: Float64Array[] = [];
  private readonly stamp: Int32Array;
  private current = -1;
  private z = new Float64Array(0);

  constructor(private readonly model: Pick<Model, "bias" | "index" | "matrix">) {
    this.stamp = new Int32Array(model.index.size).fill(-1);
  }

  begin(candidate: number): void {
    this.finish();
    this.current = candidate;
    this.z = Float64Array.from(this.model.bias);
  }

  add(feature: string): void {
    const row = this.model.index.get(feature);
    if (row === undefined || this.stamp[row] === this.current) return;
    this.stamp[row] = this.current;
    const { matrix } = this.model;
    const z = this.z;
    for (let k = 0, at = row * z.length; k < z.length; k++) z[k] = z[k]! + matrix[at + k]!;
  }

  /** The probabilities of every candidate begun so far, in order. */
  result(): Float64Array[] {
    this.finish();
    return this.probs;
  }

  private finish(): void {
    if (this.current < 0 || this.probs.length > this.current) return;
    const z = this.z;
    for (let k = 0; k < z.length; k++) z[k] = sigmoid(z[k]!);
    this.probs.push(z);
  }
}

export const KIND_INDEX: { readonly [K in FactKind]: number } = Object.fromEntries(FACT_KINDS.map((k, i) => [k, i])) as { [K in FactKind]: number };
