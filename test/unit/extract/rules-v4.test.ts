// Tables of [title, sentence, expected] for the rules added in extractor 1.4 (docs/extraction.md):
// enumerated and coordinated components of the paper's contribution, hyphen-modified variants, capitalised
// names defined with an acronym by the paper, descriptive phrases ending at punctuation, methods of prior work. Invented sentences, not seed sentences.
import { descriptivePhrase } from "../../../src/ingest/extract/analyze";
import { record } from "./helpers";

describe("descriptivePhrase ends where the noun phrase ends, also at punctuation", () => {
  test.each([
    ["a prefetch-aware eviction policy, which keeps hot pages", "prefetch-aware eviction policy"],
    ["the token-parallel merge kernel; it fuses", "token-parallel merge kernel"],
    ["instruction-tuned models for code", null],
  ])("%s -> %s", (text, expected) => {
    expect(descriptivePhrase(text)).toBe(expected);
  });
});

describe("introduces: named components, enumerations, conjuncts, variants, own acronym-defined names", () => {
  test.each([
    ["Quill: Sparse Serving", "Quill trains the router with three strategies, namely load-aware token dropping, expert warm restarts, and capacity-scaled gating.", "expert warm restarts"],
    ["Quill: Sparse Serving", "We devise a set of cache-aligned prefetch strategies that hide swap latency.", "cache-aligned prefetch strategies"],
    ["Quill: Sparse Serving", "We further propose the swap budget penalty and page reuse clipping techniques together with Quill.", "page reuse clipping"],
    ["QuillKV: Sparse Serving", "QuillKV and grouped-query QuillKV cut memory by half.", "grouped-query QuillKV"],
    ["Marten: Detection", "We further propose the proposed Cross Scale Fusion Block (CSFB) to merge features.", "Cross Scale Fusion Block"],
    ["Sift: Retrieval Study", "We measure retrieval quality with the proposed Query Drift Score (QDS) on three corpora.", "Query Drift Score"],
  ])("%s | %s -> %s", (title, sentence, expected) => {
    expect(record(title, sentence).introduces).toContain(expected);
  });

  test.each([
    ["Quill: Sparse Serving", "Quill keeps a separate module for logging.", "separate module"],
    ["Sift: Retrieval Study", "We evaluate on Natural Language Processing (NLP) tasks with our retriever.", "Natural Language Processing"],
    ["Sift: Retrieval Study", "Unlike the sliding-window eviction algorithm of prior systems, we keep all tokens.", "sliding-window eviction algorithm"],
    ["Tern: Serving", "This paper presents the first disaggregated serving system, TernServe, which splits prefill.", "disaggregated serving system"],
  ])("%s | %s -> not %s", (title, sentence, absent) => {
    expect(record(title, sentence).introduces).not.toContain(absent);
  });
});

describe("compares_to: methods of prior work the paper sets itself against", () => {
  test.each([
    ["Kestrel: Fast Routing", "Previous works rely on greedy expert routing, which wastes capacity. We propose Kestrel.", "greedy expert routing"],
    ["Kestrel: Fast Routing", "Representative prior systems, such as Hermes and Atlas-KV, cache every layer.", "Atlas-KV"],
  ])("%s | %s -> %s", (title, sentence, expected) => {
    expect(record(title, sentence).compares_to).toContain(expected);
  });

  test("'such as A and B rely on C': the examples, not what they rely on", () => {
    const r = record("Kestrel: Fast Routing", "Existing systems such as Hermes and Atlas-KV rely on paged eviction. We propose Kestrel.");
    expect(r.compares_to).toEqual(expect.arrayContaining(["Hermes", "Atlas-KV"]));
    expect(r.compares_to).not.toContain("paged eviction");
  });
});

describe("comparison objects: 'previous'/'any existing' dropped, 'previous best' kept", () => {
  test.each([
    ["Kestrel: Fast Routing", "Kestrel is 3x faster than previous token-level routing methods.", "token-level routing methods"],
    ["Kestrel: Fast Routing", "Kestrel outperforms the previous best sparse retriever by 4%.", "previous best sparse retriever"],
  ])("%s | %s -> %s", (title, sentence, expected) => {
    expect(record(title, sentence).compares_to).toContain(expected);
  });
});

describe("introduces: a letter after a version number is a variant", () => {
  test("Wren 3 -> Wren 3x", () => {
    expect(record("Wren 3: Fast Speech", "We propose Wren 3. We further design Wren 3x, which decodes waveforms directly.").introduces).toEqual(["Wren 3", "Wren 3x"]);
  });
});

describe("introduces: a name in apposition to a kind word the paper supplies", () => {
  test.each([
    ["Kestrel: Fast Routing", "We evaluate on four corpora and our newly collected benchmark, Route-Hard, which stresses rare experts.", "Route-Hard"],
    ["Kestrel: Fast Routing", "Kestrel tracks a layer-wise indicator, Expert Drift, within each window.", "Expert Drift"],
  ])("%s | %s -> %s", (title, sentence, expected) => {
    expect(record(title, sentence).introduces).toContain(expected);
  });
  test("not after a comparison cue", () => {
    expect(record("Kestrel: Fast Routing", "We compare with a strong baseline method, HermesKV, on GLUE.").introduces).not.toContain("HermesKV");
  });
});

describe("comparison objects: 'standard/vanilla X' stays whole", () => {
  test("standard RAG", () => {
    expect(record("Kestrel: Fast Routing", "Kestrel improves accuracy by 9% compared to standard RAG.").compares_to).toContain("standard RAG");
  });
});

describe("introduces: title forms", () => {
  test.each([
    ["The Compact Pulse Transformer: Fast Classification of Light Curves", "We classify light curves quickly.", "Compact Pulse Transformer"],
    ["Fast Anomaly Detection for Sensor Streams with WaveLiteX", "We detect anomalies in sensor streams.", "WaveLiteX"],
  ])("%s -> %s", (title, abstract, expected) => {
    expect(record(title, abstract).introduces).toContain(expected);
  });
  test.each([
    ["Exact Attention with IO-Awareness", "We study attention.", "IO-Awareness"],
    ["Faster Serving with vLLM", "We tune vLLM.", "vLLM"],
  ])("%s -> not %s", (title, abstract, absent) => {
    expect(record(title, abstract).introduces).not.toContain(absent);
  });
});
