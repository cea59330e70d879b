// Tables of [sentence, expected] for the rules added in extractor 1.3 (docs/extraction.md):
// comparison objects chunked over compromise's tags, criticised prior methods, "we improve X",
// tokenizer residue, "a novel ..." contributions. Invented sentences, not seed sentences.
import { cueObjects } from "../../../src/ingest/extract/objects";
import { coinedTokens } from "../../../src/ingest/extract/names";
import { record } from "./helpers";

describe("cueObjects: noun phrases after a comparison cue", () => {
  const cases: Array<[string, string[]]> = [
    ["SPLADE by 12%, a plainly trained ColBERT by 8%, and the previous best hybrid retriever by 3%", ["SPLADE", "plainly trained ColBERT", "previous best hybrid retriever"]],
    ["state-of-the-art engines like TGI and LightLLM", ["TGI", "LightLLM"]],
    ["Accelerate, and over 85% compared to DeepSpeed-MII and Petals", ["Accelerate", "DeepSpeed-MII", "Petals"]],
    ["MobileViT [12] on a Pixel 7", ["MobileViT"]],
    ["with CPU-only offloading", ["CPU-only offloading"]],
    ["SOTA prefix caching and 60% over full recomputation", ["prefix caching", "full recomputation"]],
    ["earlier sparse retrievers that use product quantization", ["product quantization"]],
    ["Intel OpenVINO on x86 servers", ["OpenVINO"]],
    ["existing approaches by a wide margin", []],
    ["the baseline by 2x in throughput", []],
  ];
  test.each(cases)("%s", (text, expected) => {
    expect(cueObjects(text).map((o) => o.text)).toEqual(expected);
  });
});

describe("compares_to: objects, criticised methods, 'we improve X'", () => {
  const cases: Array<[string, string, string[]]> = [
    ["Tern: Fast Retrieval", "We outperform SPLADE by 12%, a plainly trained ColBERT by 8%, and the previous best hybrid retriever by 3%.", ["SPLADE", "plainly trained ColBERT", "previous best hybrid retriever"]],
    ["Tern: Fast Serving", "Tern improves throughput by 2x compared to state-of-the-art engines like TGI and LightLLM.", ["TGI", "LightLLM"]],
    ["Tern: Mobile Nets", "Tern-S runs as fast as MobileViT [12] while being 1.5x faster than EdgeNeXt [7].", ["MobileViT", "EdgeNeXt"]],
    ["Tern: Offloading", "Tern trains 10x larger models than with CPU-only offloading.", ["CPU-only offloading"]],
    ["Tern: Prefix Reuse", "Tern reduces prefill time by 40% over SOTA prefix caching and 60% over full recomputation.", ["prefix caching", "full recomputation"]],
    ["Tern: Sparse Retrieval", "Compared with earlier sparse retrievers that use inverted indexes, Tern answers queries in 5 ms.", ["inverted indexes"]],
    ["Tern: Decoding", "In this work, we improve Medusa in two ways.", ["Medusa"]],
    ["Tern: Pipelines", "Pipeline training is popular. However, GPipe keeps all activations in memory. We propose Tern.", ["GPipe"]],
    ["Tern: Pipelines", "Megatron-LM suffers from heavy communication at scale. We propose Tern, a new runtime.", ["Megatron-LM"]],
    ["Tern: Offload", "Over 70% less time-to-first-token compared to Accelerate, and over 85% compared to DeepSpeed-MII and Petals.", ["Accelerate", "DeepSpeed-MII", "Petals"]],
  ];
  test.each(cases)("%s | %s", (title, sentence, expected) => {
    const r = record(title, sentence);
    for (const e of expected) expect(r.compares_to).toContain(e);
  });

  test.each([
    ["Tern: Serving", "Tern outperforms existing approaches and prior work by 2x.", ["existing approaches", "prior work"]],
    ["Tern: Serving", "To improve throughput, we propose Tern.", ["throughput"]],
    ["Tern: Study", "However, LLMs are costly to serve. We propose Tern.", ["LLMs"]],
    ["Tern: Serving", "Tern is 2x faster than Orca for serving chat on the XQZ cluster.", ["XQZ"]],
  ])("no comparison: %s | %s", (title, sentence, absent) => {
    const r = record(title, sentence);
    for (const a of absent) expect(r.compares_to).not.toContain(a);
  });
});

describe("tokenizer residue", () => {
  test("LaTeX \\times glued to a name", () => {
    const r = record("Tern: Mobile", "It runs as fast as ResNet50times 1.2 on a Pixel 7.");
    expect(r.compares_to).toContain("ResNet50");
    expect(r.compares_to).not.toContain("ResNet50times");
  });
  test("a hyphen-joined function word is not part of a name", () => {
    expect(coinedTokens("the newer TinyBERT-in classifying").map((t) => t.text)).toEqual(["TinyBERT"]);
  });
  test("markdown emphasis around an acronym's long form", () => {
    const r = record("Tern: Tokens", "We study *token dropping* (TD) for long inputs and compare TD with pruning.");
    expect([...r.compares_to, ...r.builds_on]).toContain("token dropping");
    expect(JSON.stringify(r)).not.toContain("*");
  });
});

describe("introduces: 'a novel ...', a second verb of the paper's own name, headline titles", () => {
  test.each([
    ["Tern: Retrieval", "We train the retriever with a novel dual-stage distillation loss that mixes teachers.", "dual-stage distillation loss"],
    ["Zephyrus: Edge Inference", "Zephyrus keeps activations on device and introduces a tiled offloading scheduler to overlap transfers.", "tiled offloading scheduler"],
    ["Tern: Serving", "This paper introduces Tern, a system that employs Split Prefill, a novel chunking strategy, to cut latency.", "Split Prefill"],
  ])("%s | %s -> %s", (title, sentence, expected) => {
    expect(record(title, sentence).introduces).toContain(expected);
  });

  test("a title prefix with a function word is a headline, not a name", () => {
    expect(record("Lessons for Scaling Experts: A Study", "We study routing in mixture-of-experts models.").introduces).toEqual([]);
  });
});
