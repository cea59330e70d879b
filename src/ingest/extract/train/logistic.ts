// Logistic regression, one binary classifier per model output over shared binary features, fitted by
// FTRL-Proximal (McMahan et al., 2013): per-feature learning rates with L1 and L2 regularisation
// applied in closed form, which keeps rare features (a number seen once beside a name) from
// taking large weights, and sets most weights to exactly zero, so the model file stays small.
// Rows are visited in a fixed pseudo-random order: the same rows give the same weights, bit for
// bit, on every run (no threads, no clock, no Math.random).
import { OUTPUTS, sigmoid } from "../model";

export interface Row {
  readonly features: readonly string[];
  /** Per model output (model.OUTPUTS order): 1 positive, 0 negative, SKIP when the row does not train it. */
  readonly labels: Uint8Array;
}

/** A label that leaves its output untouched by the row (a role given a name, for a row that is no name). */
export const SKIP = 2;

export interface LogisticOptions {
  readonly epochs: number;
  /** FTRL's alpha and beta: the per-feature learning rate is alpha / (beta + sqrt(sum of squared gradients)). */
  readonly alpha: number;
  readonly beta: number;
  readonly l1: number;
  readonly l2: number;
  /** Features seen in fewer training rows are dropped. */
  readonly minCount: number;
  /**
   * The rows' pseudo-random order: epoch e visits them shuffled by seed + e. Another seed measures
   * how much a change's figure owes to the order (TECHTREE_TRAIN_OPTIONS='{"seed":29}' npm run eval).
   */
  readonly seed: number;
}

export const DEFAULT_LOGISTIC: LogisticOptions = { epochs: 8, alpha: 0.3, beta: 1, l1: 1, l2: 5, minCount: 2, seed: 17 };

export interface Weights {
  readonly bias: number[];
  readonly weights: Map<string, number[]>;
}

const K = OUTPUTS.length;

/** A small LCG: deterministic shuffles without Math.random (also the tagger's training order). */
export function shuffled(n: number, seed: number): Uint32Array {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  let s = seed >>> 0;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}

/** FTRL's closed-form weight of one coordinate from its accumulators. */
function weightOf(z: number, n: number, o: LogisticOptions, regularised: boolean): number {
  const l1 = regularised ? o.l1 : 0;
  const l2 = regularised ? o.l2 : 0;
  if (Math.abs(z) <= l1) return 0;
  return -(z - Math.sign(z) * l1) / ((o.beta + Math.sqrt(n)) / o.alpha + l2);
}

export function trainLogistic(rows: readonly Row[], options: LogisticOptions = DEFAULT_LOGISTIC): Weights {
  const counts = new Map<string, number>();
  for (const r of rows) for (const f of r.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const names = [...counts].filter(([, n]) => n >= options.minCount).map(([f]) => f).sort();
  const id = new Map(names.map((f, i) => [f, i + 1])); // coordinate 0 is the bias
  const X = rows.map((r) => Int32Array.from([0, ...r.features.map((f) => id.get(f) ?? -1).filter((i) => i >= 0)]));
  const size = (names.length + 1) * K;
  const Z = new Float64Array(size);
  const N = new Float64Array(size);
  const w = new Float64Array(K * 64);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const r of shuffled(rows.length, options.seed + epoch)) {
      const x = X[r]!;
      const y = rows[r]!.labels;
      for (let k = 0; k < K; k++) {
        if (y[k] === SKIP) continue;
        let zsum = 0;
        const ws = x.length <= 64 ? w : new Float64Array(x.length);
        for (let t = 0; t < x.length; t++) {
          const c = x[t]! * K + k;
          const wt = weightOf(Z[c]!, N[c]!, options, x[t] !== 0);
          ws[t] = wt;
          zsum += wt;
        }
        const g = sigmoid(zsum) - y[k]!;
        const g2 = g * g;
        for (let t = 0; t < x.length; t++) {
          const c = x[t]! * K + k;
          const n = N[c]!;
          const sigma = (Math.sqrt(n + g2) - Math.sqrt(n)) / options.alpha;
          Z[c] = Z[c]! + g - sigma * ws[t]!;
          N[c] = n + g2;
        }
      }
    }
  }
  const weights = new Map<string, number[]>();
  names.forEach((f, i) => {
    const ws = Array.from({ length: K }, (_, k) => weightOf(Z[(i + 1) * K + k]!, N[(i + 1) * K + k]!, options, true));
    if (ws.some((v) => v !== 0)) weights.set(f, ws);
  });
  return { bias: Array.from({ length: K }, (_, k) => weightOf(Z[k]!, N[k]!, options, false)), weights };
}
