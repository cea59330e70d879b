// Extractor 1.4.1: a capitalised name in apposition right after "introduce", and English-word
// vocabulary names ("=Frontier") not matched in Title Case headlines. Invented sentences.
import { record } from "./helpers";

test.each([
  ["Open Instruction Tuning at Scale", "We further introduce Marlow, our strongest instruction-tuned model family trained on open data.", "Marlow"],
  ["Serving Study", "We introduce Kestrel, a serving system that batches prompts by length.", "Kestrel"],
])("introduces: %s | %s -> %s", (title, abstract, expected) => {
  expect(record(title, abstract).introduces).toContain(expected);
});

test("a plain word after the verb without an apposition is not a name", () => {
  expect(record("Serving Study", "We introduce Caching to reduce latency.").introduces).not.toContain("Caching");
});

test.each([
  ["Pushing the Accuracy Frontier of Small Vision Models", "We train small models on ImageNet.", false],
  ["Trillion-Parameter Training", "We train a trillion-parameter model on Frontier, the exascale supercomputer.", true],
])("hardware Frontier: %s | %s -> %s", (title, abstract, expected) => {
  expect(record(title, abstract).hardware.includes("Frontier")).toBe(expected);
});

test.each([
  ["We present Kestrel, which outperforms Orca by 2.1x on A100 GPUs with Mistral-7B.", ["Orca"], ["Mistral-7B"]],
  ["Kestrel is faster than vLLM and TGI across several ShareGPT traces.", ["vLLM", "TGI"], ["ShareGPT"]],
])("comparison objects end where the measurement's setting starts: %s", (sentence, inside, outside) => {
  const r = record("Kestrel: Serving", sentence);
  for (const n of inside) expect(r.compares_to).toContain(n);
  for (const n of outside) expect(r.compares_to).not.toContain(n);
});
