// Extractor 1.4.1: a capitalised name in apposition right after "introduce", and English-word
// vocabulary names ("=Frontier") not matched in Title Case headlines. Invented sentences.
import { extractFacts, toContractRecord } from "../../../src/ingest/extract";
import { paper } from "./helpers";

const record = (title: string, abstract: string) => toContractRecord(extractFacts(paper(title, abstract)));

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
