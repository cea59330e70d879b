// One percentile rule for every latency the benches print: the value at rank floor(q × n) of the
// sorted sample (NaN for an empty one).
export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}
