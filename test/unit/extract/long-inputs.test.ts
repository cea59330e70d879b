// Inputs far longer than an abstract, in the shapes that were once quadratic (a run of thousands of
// digits, a list of thousands of names, a name in every clause of one long sentence), are read
// whole and decided whole. How their time grows with their length is measured by
// `npm run bench:scaling` (bench/scaling.ts), not asserted here.
import { FACT_KINDS } from "../../../src/domain";
import { extractFacts } from "../../../src/ingest/extract";
import { read, type Reading } from "../../../src/ingest/extract/candidates";
import { decide, factsOf } from "../../../src/ingest/extract/facts";
import { DIRECT, KIND_INDEX } from "../../../src/ingest/extract/model";
import { paper } from "./helpers";

/** Every candidate at probability 0.9 for compares_to (direct estimate too), and 0 for the other kinds. */
function allCompared(reading: Reading): number[][] {
  return reading.candidates.map(() => {
    const p = new Array<number>(2 * FACT_KINDS.length).fill(0);
    p[KIND_INDEX.compares_to] = p[DIRECT + KIND_INDEX.compares_to] = 0.9;
    return p;
  });
}

test("a run of 16,000 digits is read through to the name after it", () => {
  const facts = extractFacts(paper("Scaling", `We report ${"7".repeat(16_000)} and compare with FlashAttention.`));
  expect(facts.facts.map((f) => f.entity.name)).toContain("FlashAttention");
});

test("deciding among a list of 1,600 names keeps every one a fact", () => {
  const reading = read(paper("Scaling", `We compare ${Array.from({ length: 1_600 }, (_, i) => `Net${i}`).join(", ")}.`));
  const kept = decide(reading, allCompared(reading), 0.3, new Map());
  expect(new Set(kept.map((d) => d.candidate.key)).size).toBeGreaterThanOrEqual(1_600);
});

test("a name written in each of 1,600 clauses of one sentence is one fact with that sentence as evidence", () => {
  const abstract = `${Array.from({ length: 1_600 }, (_, i) => `Net${i} is better than Base`).join(", ")}.`;
  const reading = read(paper("Scaling", abstract));
  const base = reading.candidates.find((c) => c.key === "base")!;
  const { facts } = factsOf(reading, allCompared(reading), [{ kind: "compares_to", candidate: base, p: 0.9 }], new Map());
  expect(facts).toHaveLength(1);
  expect(facts[0]!.evidence.sentence.length).toBe(abstract.length);
});
