// `npm run bench:scaling`: extraction time against the length of its input, for the shapes that
// were once quadratic: a run of thousands of digits, a list of thousands of names, a name written in
// every clause of one long sentence (twice: with and without a comparison cue). Each case times an
// input and the same input sixteen times larger (under MAX_ABSTRACT_CHARS, where extraction reads
// it whole) and prints how much longer the larger took: linear work gives about 16, quadratic about
// 256. The decision stages are given every candidate as a fact, so what they are asked does not
// depend on the model's weights. The fastest of ROUNDS runs of each size is compared.
// Usage: node dist/bench/scaling.js [ROUNDS]   (default 5)
import * as os from "node:os";
import { FACT_KINDS, paperId, type Paper } from "../src/domain";
import { extractFacts } from "../src/ingest/extract";
import { read, type Reading } from "../src/ingest/extract/candidates";
import { decide, factsOf } from "../src/ingest/extract/facts";
import { DIRECT, KIND_INDEX } from "../src/ingest/extract/model";

/** The growth a case may show before it reads as worse than linear (n log n of 16x stays under it). */
const BOUND = 40;

const paper = (abstract: string): Paper => ({ id: paperId("Scaling"), title: "Scaling", abstract, listingDate: null, source: { file: "bench", line: 1 } });

function fastestMs(rounds: number, run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return best;
}

/** Every candidate at probability 0.9 for compares_to (direct estimate too), 0 for the other kinds. */
function allCompared(reading: Reading): number[][] {
  return reading.candidates.map(() => {
    const p = new Array<number>(2 * FACT_KINDS.length).fill(0);
    p[KIND_INDEX.compares_to] = p[DIRECT + KIND_INDEX.compares_to] = 0.9;
    return p;
  });
}

interface Case<T> {
  readonly name: string;
  readonly abstract: (n: number) => string;
  readonly n: number;
  readonly prepare: (abstract: string) => T;
  readonly work: (input: T) => unknown;
}

function measure<T>(c: Case<T>, rounds: number): void {
  const small = c.prepare(c.abstract(c.n));
  const large = c.prepare(c.abstract(16 * c.n));
  c.work(small); // warm the model and the JIT
  const s = fastestMs(rounds, () => c.work(small));
  const l = fastestMs(rounds, () => c.work(large));
  const growth = l / s;
  console.log(`${c.name.padEnd(52)} ${s.toFixed(2).padStart(8)} ms ${l.toFixed(2).padStart(9)} ms ${growth.toFixed(1).padStart(7)}x  ${(growth / BOUND).toFixed(2)} of the ${BOUND}x bound${growth > BOUND ? "  OVER" : ""}`);
}

const clauses = (words: string) => (n: number) => `${Array.from({ length: n }, (_, i) => `Net${i} ${words} Base`).join(", ")}.`;
const named = (abstract: string) => {
  const reading = read(paper(abstract));
  const base = reading.candidates.find((c) => c.key === "base")!;
  return { reading, probs: allCompared(reading), decisions: [{ kind: "compares_to" as const, candidate: base, p: 0.9 }] };
};
const list = (n: number) => `We compare ${Array.from({ length: n }, (_, i) => `Net${i}`).join(", ")}.`;

function main(): void {
  const rounds = Number(process.argv[2] ?? 5);
  console.log(`case${" ".repeat(49)} 1x (fastest) 16x (fastest)  growth  (load ${os.loadavg()[0]!.toFixed(1)})`);
  measure({ name: "a run of digits (1,000)", abstract: (n) => `We report ${"7".repeat(n)} and more.`, n: 1_000, prepare: (a) => paper(a), work: extractFacts }, rounds);
  measure({ name: "deciding among a list of names (100)", abstract: list, n: 100, prepare: (a) => { const reading = read(paper(a)); return { reading, probs: allCompared(reading) }; }, work: (x) => decide(x.reading, x.probs, 0.3, new Map()) }, rounds);
  for (const words of ["is as good as", "is better than"]) {
    measure({ name: `evidence of a name in 100 clauses ("${words}")`, abstract: clauses(words), n: 100, prepare: named, work: (x) => factsOf(x.reading, x.probs, x.decisions, new Map()) }, rounds);
  }
}

main();
