// Extraction time grows in proportion to the text it reads, whatever shape the text takes: a run of
// thousands of digits, a list of thousands of names, a name written a thousand times in one long
// sentence. Each test times one input and the same input sixteen times larger (under
// MAX_ABSTRACT_CHARS where extraction reads it whole, so the cap hides nothing) and requires the
// larger to take at most 40 times as long: linear work gives about 16, quadratic work about 256. The
// fastest of three runs of each is compared, so a pause of the machine does not count. The decision
// stages are given every candidate as a fact, so what they are asked does not depend on the weights.
import { FACT_KINDS } from "../../../src/domain";
import { extractFacts } from "../../../src/ingest/extract";
import { read, type Reading } from "../../../src/ingest/extract/candidates";
import { decide, factsOf } from "../../../src/ingest/extract/facts";
import { DIRECT, KIND_INDEX } from "../../../src/ingest/extract/model";
import { paper } from "./helpers";

function fastestMs(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return best;
}

/** How much longer `work` takes on the abstract made with 16 * n than with n. */
function growth<T>(abstract: (n: number) => string, n: number, prepare: (abstract: string) => T, work: (input: T) => void): number {
  const small = prepare(abstract(n));
  const large = prepare(abstract(16 * n));
  work(small); // warm the model and the JIT
  return fastestMs(() => work(large)) / fastestMs(() => work(small));
}

/** Every candidate at probability 0.9 for `kind` (direct estimate too), and 0 for the other kinds. */
function allAs(reading: Reading, kind: (typeof FACT_KINDS)[number]): number[][] {
  return reading.candidates.map(() => {
    const p = new Array<number>(2 * FACT_KINDS.length).fill(0);
    p[KIND_INDEX[kind]] = p[DIRECT + KIND_INDEX[kind]] = 0.9;
    return p;
  });
}

describe("extraction time is linear in the text", () => {
  test("a long run of digits (a pasted hash or table) costs time in proportion to its length", () => {
    const extract = (abstract: string) => extractFacts(paper("Scaling", abstract));
    expect(growth((n) => `We report ${"7".repeat(n)} and more.`, 1_000, (a) => a, extract)).toBeLessThan(40);
  });

  test("deciding among the names of a long list costs time in proportion to the list", () => {
    const list = (n: number) => `We compare ${Array.from({ length: n }, (_, i) => `Net${i}`).join(", ")}.`;
    const prepare = (abstract: string) => {
      const reading = read(paper("Scaling", abstract));
      return { reading, probs: allAs(reading, "compares_to") };
    };
    const kept = (x: ReturnType<typeof prepare>) => decide(x.reading, x.probs, 0.3, new Map()).length;
    expect(kept(prepare(list(100)))).toBeGreaterThanOrEqual(100);
    expect(growth(list, 100, prepare, kept)).toBeLessThan(40);
  });

  // "as good as" is no comparison cue; "than" is one, in a sentence that states no figure.
  test.each(["is as good as", "is better than"])("the evidence of a name written in every clause of one long sentence (X %s Base) costs time in proportion to the sentence", (words) => {
    const clauses = (n: number) => `${Array.from({ length: n }, (_, i) => `Net${i} ${words} Base`).join(", ")}.`;
    const prepare = (abstract: string) => {
      const reading = read(paper("Scaling", abstract));
      const probs = allAs(reading, "compares_to");
      const base = reading.candidates.find((c) => c.key === "base")!;
      return { reading, probs, decisions: [{ kind: "compares_to" as const, candidate: base, p: 0.9 }] };
    };
    const facts = (x: ReturnType<typeof prepare>) => factsOf(x.reading, x.probs, x.decisions, new Map()).facts.length;
    expect(facts(prepare(clauses(100)))).toBe(1);
    expect(growth(clauses, 100, prepare, facts)).toBeLessThan(40);
  });
});
