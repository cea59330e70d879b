import { extractFacts } from "../../../src/ingest/extract";
import { findAcronymPairs } from "../../../src/ingest/extract/acronyms";
import { parseClaim } from "../../../src/ingest/extract/claims";
import { findKnown } from "../../../src/ingest/extract/vocabulary";
import { MAX_ABSTRACT_CHARS } from "../../../src/domain";
import { paper, record } from "./helpers";

describe("entities per kind", () => {
  const cases: Array<[string, "hardware" | "datasets" | "models", string[]]> = [
    ["We train on 8 A100-80GB GPUs and a TPU v4 pod.", "hardware", ["A100-80GB", "GPU", "TPU v4"]],
    ["It runs on an iPhone 12 and a Pixel phone using Tensor Cores and HBM.", "hardware", ["iPhone 12", "Pixel phone", "Tensor Cores", "HBM"]],
    ["We evaluate on ImageNet, BEIR and MS MARCO.", "datasets", ["ImageNet", "BEIR", "MS MARCO"]],
    ["We fine-tune GPT-2 and LLaMA-3-8B and compare with BERT-large.", "models", ["GPT-2", "LLaMA-3-8B", "BERT-large"]],
  ];
  test.each(cases)("%s -> %s", (sentence, field, expected) => {
    const r = record("A study", sentence);
    for (const e of expected) expect(r[field]).toContain(e);
  });
});

describe("canonicalisation", () => {
  test.each([
    ["KV cache", "key-value cache"],
    ["KV caches", "KV cache"],
    ["A100-80GB", "A100"],
  ])("%s and %s are one entity", (a, b) => {
    const [ma, mb] = [findKnown(`the ${a} here`)[0], findKnown(`the ${b} here`)[0]];
    expect(ma?.entry.name).toBe(mb?.entry.name);
  });
  test.each([
    ["FlashAttention", "FlashAttention-2"],
    ["GPT-3", "GPT-4"],
    ["A100", "H100"],
  ])("%s and %s never merge", (a, b) => {
    const r = extractFacts(paper("A study", `We compare ${a} and ${b} on GPUs.`));
    const keys = new Set(r.facts.map((f) => f.entity.key));
    expect(keys.size).toBeGreaterThanOrEqual(2);
  });
  test("an acronym learned from the text is an alias", () => {
    const f = extractFacts(paper("A study", "We build on product quantization (PQ). Our index uses PQ codes."));
    const pq = f.facts.find((x) => x.entity.name === "product quantization");
    expect(pq?.entity.aliases).toContain("PQ");
  });
});

describe("acronym pairs", () => {
  test.each([
    ["we use product quantization (PQ) here", "PQ", "product quantization"],
    ["Retrieval-Augmented Generation (RAG) is common", "RAG", "Retrieval-Augmented Generation"],
    ["We present Adaptive Parallel Encoding (APE), which", "APE", "Adaptive Parallel Encoding"],
  ])("%s", (text, short, long) => {
    expect(findAcronymPairs(text).map((p) => [p.short, p.long])).toContainEqual([short, long]);
  });
});

describe("introduces", () => {
  test.each([
    ["FlashAttention-2: Faster Attention with Better Parallelism", "We present FlashAttention-2, with better work partitioning.", ["FlashAttention-2"]],
    ["Serving at scale", "In this work, we propose Cache-Craft, a system for reusing KV caches.", ["Cache-Craft"]],
    ["A new benchmark", "We introduce a benchmark called LongIns for long instructions.", ["LongIns"]],
    ["Parrot: Chat data", "We release Parrot-40K and train Parrot-Chat.", ["Parrot", "Parrot-40K", "Parrot-Chat"]],
  ])("%s", (title, abstract, expected) => {
    const r = record(title, abstract);
    expect(r.introduces).toEqual(expect.arrayContaining(expected));
    expect(r.introduces[0]).toBe(expected[0]);
  });
  test("a generic description is not a name", () => {
    expect(record("Some study of serving", "We propose a novel framework for serving.").introduces).toEqual([]);
  });
});

describe("builds_on triggers", () => {
  test.each([
    ["Our method builds on speculative decoding to cut latency.", "speculative decoding"],
    ["We leverage tensor parallelism across devices.", "tensor parallelism"],
    ["The system is based on RLHF.", "RLHF"],
  ])("%s", (sentence, expected) => {
    expect(record("A study", sentence).builds_on).toContain(expected);
  });
});

describe("compares_to with claims", () => {
  test.each([
    ["Our system outperforms vLLM by 2.3x higher effective throughput.", "vLLM", 2.3, "x", "higher"],
    ["It is 3x faster than FlashAttention on long sequences.", "FlashAttention", 3, "x", "higher"],
    ["Compared with BM25, recall improves by 19%.", "BM25", 19, "%", "higher"],
  ])("%s", (sentence, name, value, unit, direction) => {
    const f = extractFacts(paper("A study", sentence)).facts.find((x) => x.kind === "compares_to");
    expect(f?.mention ?? f?.entity.name).toBe(name);
    expect(f?.claim).toMatchObject({ value, unit, direction });
  });
  test("a parsed claim names its metric", () => {
    expect(parseClaim("achieves 2.3x higher effective throughput than vLLM")).toMatchObject({ value: 2.3, metric: "throughput" });
  });
});

describe("evidence", () => {
  test("offsets point at the sentence in its field", () => {
    const abstract = "Prior work is slow. We propose FooNet, which outperforms BM25 on MS MARCO.";
    const f = extractFacts(paper("A study", abstract));
    expect(f.facts.length).toBeGreaterThan(0);
    for (const x of f.facts) {
      const text = x.evidence.field === "title" ? f.paper.title : f.paper.abstract;
      expect(text.slice(x.evidence.start, x.evidence.end)).toBe(x.evidence.sentence);
      expect(x.evidence.confidence).toBeGreaterThan(0);
      expect(x.evidence.confidence).toBeLessThanOrEqual(1);
    }
  });
  test("vocabulary lineage links versions", () => {
    const f = extractFacts(paper("FlashAttention-2: Faster", "FlashAttention-2 improves FlashAttention."));
    expect(f.lineage.map((l) => [l.from.name, l.to.name])).toContainEqual(["FlashAttention-2", "FlashAttention"]);
  });
});

describe("long abstracts", () => {
  test("facts come from the first MAX_ABSTRACT_CHARS characters, cut at a sentence end", () => {
    const filler = "The results hold across many settings. ".repeat(Math.ceil(MAX_ABSTRACT_CHARS / 39));
    const r = record("A study", `We run FooNet on A100 GPUs. ${filler}We also run it on a TPU v4 pod.`);
    expect(r.hardware).toContain("A100 GPUs");
    expect(r.hardware).not.toContain("TPU v4");
  });
});
