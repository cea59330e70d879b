// Extractor 1.5.0: secondary contributions without a contribution verb (parts lists, numbered enumerations,
// passive "is implemented", "we call this X the Y", "our proposed Name", ordinal appositions, a name in
// apposition to the object) and fewer false names (prior work's "called X", hyphen-joined adjectives,
// URLs, a description followed by its name). Invented sentences, not seed sentences.
import { record } from "./helpers";

describe("introduces: secondary contributions without a contribution verb", () => {
  test.each([
    // parts of the paper's own contribution (introduces:component)
    ["Kestrel: Fast Serving", "Kestrel consists of a prefix-aware batching scheduler and a lookahead page allocator, which hides swap latency.", "prefix-aware batching scheduler"],
    ["Kestrel: Fast Serving", "Kestrel consists of a prefix-aware batching scheduler and a lookahead page allocator, which hides swap latency.", "lookahead page allocator"],
    ["Tern: Long Context", "We present Tern, which involves only a comb-shaped attention mask and no retraining.", "comb-shaped attention mask"],
    ["Quill: Sparse Serving", "Quill comprises (1) a token-level routing policy to balance experts, and (2) an asynchronous expert prefetching scheme that overlaps transfers.", "asynchronous expert prefetching scheme"],
    ["Sparse Kernels for Long Sequences", "We also present two sparse kernel algorithms--1) strided convolutions and 2) band-limited convolutions--which skip blocks.", "band-limited convolutions"],
    ["Binary Retrieval at Scale", "We propose a hashing engine equipped with a progressive binarization algorithm that enables flexible code lengths.", "progressive binarization algorithm"],
    ["Dual Stream Pretraining", "This framework features vocabulary-bottlenecked modules between the two encoders.", "vocabulary-bottlenecked modules"],
    // passive contribution verb (introduces:passive)
    ["Edge Serving of LLMs", "Link latency dominates, so a tree-based gossip averaging algorithm is implemented.", "tree-based gossip averaging algorithm"],
    // "we call this X the Y" (introduces:called)
    ["Cheap Latency Metrics", "We call this measure the serving debt, and we estimate it with a few probes.", "serving debt"],
    // "our proposed <Name>" (introduces:proposed)
    ["Short Contexts Suffice", "This leads to our proposed SwiftGen, which converts a pretrained model into a sparse one.", "SwiftGen"],
    // ordinal apposition of an enumerated contribution (introduces:apposition)
    ["Browser Inference", "The first technique, Stripe-Aware Kernel Tiling, lowers compile costs by reusing tiles.", "Stripe-Aware Kernel Tiling"],
    // a coined name in apposition to the object of "we propose"
    ["Language Modeling with Recurrences", "We propose a new recurrent layer, Q7, that is designed for recall.", "Q7"],
    // a capitalised multi-word name in apposition to "a benchmark"
    ["Retrieval with Codebooks", "We also release Rare Entity Questions, a benchmark of 5K questions.", "Rare Entity Questions"],
    // a description followed by "called Name": the name, not the description
    ["Judging with Weak Models", "We propose a novel pairwise-comparison-based method called Tide Ranking (TR).", "Tide Ranking"],
  ])("%s | %s -> %s", (title, sentence, expected) => {
    expect(record(title, sentence).introduces).toContain(expected);
  });

  test.each([
    // a parts list of someone else's system
    ["Kestrel: Fast Serving", "The vLLM engine consists of a paged attention kernel and a block manager.", "paged attention kernel"],
    // a numbered list of findings, not of a counted kind of contribution
    ["Long Generation Study", "We observe that: (1) larger context-window models degrade, and (2) open weight-shared models degrade more.", "context-window models"],
    // a phrase that is not the whole passive subject, and passive prior work
    ["Edge Serving of LLMs", "A variant of the ring allreduce algorithm is proposed by earlier systems.", "ring allreduce algorithm"],
    ["Edge Serving of LLMs", "In [3], a block-wise quantization scheme is proposed for edge devices.", "block-wise quantization scheme"],
    // "we call" a function, not a name
    ["Cheap Latency Metrics", "We call this function repeatedly for each layer.", "function repeatedly"],
    // the first word of a longer capitalised name after "the proposed"
    ["Passage Ranking", "We train the proposed Multi-Scale Fusion Block with distillation.", "Multi-Scale"],
    // an ordinal apposition in a sentence about earlier work
    ["Browser Inference", "The first technique, Window Sharding, was proposed by prior work in 2019.", "Window Sharding"],
    // a name given by prior work
    ["Long Convolutions", "Gu et al. [2021] proposed a model called Falconet inspired by control theory.", "Falconet"],
    ["Response Selection", "Current ranking methods mainly use an encoding paradigm called Pair-Encoder, which is slow.", "Pair-Encoder"],
    // an acronym joined to an adjective is a modifier, not a name
    ["Kestrel: Fast Attention", "We propose Kestrel, an IO-aware exact serving algorithm that uses tiling.", "IO-aware"],
    // names inside a URL
    ["Kestrel: Fast Serving", "We introduce Kestrel; code is at https://github.com/KestrelLab/kestrel.", "KestrelLab"],
    // the description of a named contribution
    ["Judging with Weak Models", "We propose a novel pairwise-comparison-based method called Tide Ranking (TR).", "pairwise-comparison-based method"],
  ])("%s | %s -> not %s", (title, sentence, absent) => {
    expect(record(title, sentence).introduces).not.toContain(absent);
  });
});
