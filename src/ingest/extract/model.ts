// Stage 3 of extraction: the trained classifiers, logistic regressions over the same binary
// features (sigmoid of the bias plus the sum of the weights of a candidate's features), 13 of them:
// - one per fact kind: is the candidate this paper's <kind> (trained on every candidate);
// - "name": is it any gold name of the paper (every candidate);
// - one per fact kind again, given that it is a name (trained on the gold names only, so its
//   weights tell roles apart instead of names from ordinary phrases).
// A kind's probability is the mean of the direct estimate and p(name) x p(kind | name). The two
// err differently: cross-validated, the mean scores 0.626 F1 against 0.611 for the direct models
// alone and 0.616 for the product alone, where a second direct model (another row order) adds
// nothing (docs/extraction.md; figures of 2.4.0). The direct estimate alone also goes to facts.ts,
// where it judges between nested spans. The weights, the decision threshold, the
// gold-derived lexicon, the Papers with Code keys and the name tagger's weights (tagger.ts) live in
// model/model.json, written by `npm run train` (train/cli.ts).
import { createHash } from "node:crypto";
import { FACT_KINDS, type FactKind } from "../../domain";
import { FeatureSpace, type FeatureSink } from "./feature-space";
import type { Lexicon, LexiconRow } from "./features";
import { taggerOf, type Tagger, type TaggerFile } from "./tagger";
import modelFile from "./model/model.json";

/** The classifiers' outputs, in the order of a weight row: the kinds, "name", the kinds given a name. */
export const OUTPUTS: readonly string[] = [...FACT_KINDS, "name", ...FACT_KINDS.map((k) => `${k}|name`)];
const KINDS = FACT_KINDS.length;
const NAME = KINDS;

export interface ModelFile {
  readonly format: 4;
  /** Per output, in OUTPUTS order. */
  readonly bias: readonly number[];
  /** Feature -> one weight per output (OUTPUTS order). */
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
  /** The name tagger whose marks are features (tagger.ts). */
  readonly tagger: TaggerFile;
  /** How the file was made: papers, features, the training settings. */
  readonly trainedOn: Readonly<Record<string, unknown>>;
}

export interface Model {
  readonly bias: Float64Array;
  /** Feature -> its row in `matrix` (one weight per output, OUTPUTS order). */
  readonly index: ReadonlyMap<string, number>;
  readonly matrix: Float64Array;
  readonly threshold: number;
  readonly lexicon: Lexicon;
  readonly pwc: ReadonlySet<string>;
  readonly terms: ReadonlyMap<string, number>;
  readonly origins: ReadonlyMap<string, readonly string[]>;
  readonly tagger: Tagger;
}

export function modelOf(file: ModelFile): Model {
  if (file.format !== 4 || file.bias.length !== OUTPUTS.length) {
    throw new Error(`model file of format ${file.format} with ${file.bias.length} outputs; this code reads format 4 with ${OUTPUTS.length}: run npm run train`);
  }
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
    tagger: taggerOf(file.tagger),
  };
}

let shipped: Model | undefined;

/** The committed model, read on first use (so `npm run train` can replace a file of an older format). */
export function shippedModel(): Model {
  return (shipped ??= modelOf(modelFile as unknown as ModelFile));
}

/** First 12 hex digits of the model file's hash: part of EXTRACTOR_VERSION. */
export const MODEL_HASH = createHash("sha256").update(JSON.stringify(modelFile)).digest("hex").slice(0, 12);

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Per model (by its feature index), the feature space whose numbers are its weight rows (-1: not a feature of the model). */
const spaces = new WeakMap<ReadonlyMap<string, number>, FeatureSpace>();

function spaceOf(index: ReadonlyMap<string, number>): FeatureSpace {
  let space = spaces.get(index);
  if (!space) spaces.set(index, (space = new FeatureSpace((f) => index.get(f) ?? -1, index.keys())));
  return space;
}

/**
 * A features.FeatureSink that adds up the model's weights as features arrive: each candidate's
 * probability per fact kind (FACT_KINDS order), without building its feature set. A feature is
 * its weight row; it counts once per candidate (a stamp per weight row says which candidate last
 * added it).
 */
export class Scorer implements FeatureSink {
  readonly probs: Probabilities[] = [];
  readonly space: FeatureSpace;
  private readonly stamp: Int32Array;
  private current = -1;
  /** The current candidate's sums, one per output (reused: a candidate's probabilities are copied out). */
  private readonly z: Float64Array;

  constructor(private readonly model: Pick<Model, "bias" | "index" | "matrix">) {
    this.space = spaceOf(model.index);
    this.stamp = new Int32Array(model.index.size).fill(-1);
    this.z = new Float64Array(model.bias.length);
  }

  begin(candidate: number): void {
    this.finish();
    this.current = candidate;
    this.z.set(this.model.bias);
  }

  add(row: number): void {
    if (row < 0 || this.stamp[row] === this.current) return;
    this.stamp[row] = this.current;
    const { matrix } = this.model;
    const z = this.z;
    for (let k = 0, at = row * z.length; k < z.length; k++) z[k] = z[k]! + matrix[at + k]!;
  }

  /** Per candidate begun so far, in order: its probabilities (kindProbabilities). */
  result(): Probabilities[] {
    this.finish();
    return this.probs;
  }

  private finish(): void {
    if (this.current < 0 || this.probs.length > this.current) return;
    this.probs.push(kindProbabilities(this.z));
  }
}

/**
 * A candidate's probabilities (kindProbabilities). A plain array, not a Float64Array: V8 keeps a
 * typed array of more than 64 bytes outside the heap, and 12 doubles per candidate, about a thousand
 * candidates per paper, doubled the garbage collector's time in extraction (profiled, 2.7.0).
 */
export type Probabilities = readonly number[];

/** Where a candidate's probabilities (kindProbabilities) hold the direct estimates: at DIRECT + the kind's index. */
export const DIRECT = KINDS;

/**
 * A candidate's probabilities from the 13 outputs' sums: per kind (FACT_KINDS order) the mean of its
 * direct estimate and p(name) x p(kind | name), which decides; then per kind the direct estimate
 * alone, which judges between nested spans (facts.ts decide).
 */
export function kindProbabilities(z: Float64Array): Probabilities {
  const name = sigmoid(z[NAME]!);
  const p = new Array<number>(2 * KINDS);
  for (let k = 0; k < KINDS; k++) {
    const direct = sigmoid(z[k]!);
    p[k] = (direct + name * sigmoid(z[NAME + 1 + k]!)) / 2;
    p[DIRECT + k] = direct;
  }
  return p;
}

export const KIND_INDEX: { readonly [K in FactKind]: number } = Object.fromEntries(FACT_KINDS.map((k, i) => [k, i])) as { [K in FactKind]: number };
