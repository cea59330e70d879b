// What extraction guarantees whatever the trained weights: candidates keep names whole, evidence
// points at its sentence, confidences are probabilities, canonical entities and lineage come from
// the vocabulary, comparisons carry their claim. Quality is measured by cross-validation on real
// annotated abstracts (npm run eval), never by sentences written here.
import { FACT_KINDS, MAX_ABSTRACT_CHARS } from "../../../src/domain";
import { extractFacts, toContractRecord } from "../../../src/ingest/extract";
import { findAcronymPairs } from "../../../src/ingest/extract/acronyms";
import { mentionKey, read, tokenize } from "../../../src/ingest/extract/candidates";
import { comparedAt, parseClaim } from "../../../src/ingest/extract/claims";
import { acronymPartners, decide, factsOf, pooledByPartner } from "../../../src/ingest/extract/facts";
import { featuresOf, originKey } from "../../../src/ingest/extract/features";
import { DIRECT, kindProbabilities, OUTPUTS, sigmoid } from "../../../src/ingest/extract/model";
import { SKIP, trainLogistic } from "../../../src/ingest/extract/train/logistic";
import { findKnown } from "../../../src/ingest/extract/vocabulary";
import { paper, record } from "./helpers";

describe("candidates", () => {
  test.each([
    ["We fine-tune Llama-3.1-8B-Instruct on it.", "Llama-3.1-8B-Instruct"],
    ["It runs on a TPU v4 pod.", "TPU v4"],
    ["We use A100-80GB GPUs.", "A100-80GB"],
    ["Written in C++ for speed.", "C++"],
  ])("%s keeps %s whole", (sentence, name) => {
    const texts = read(paper("A study", sentence)).candidates.flatMap((c) => c.occurrences.map((o) => o.text));
    expect(texts).toContain(name);
  });
  test("a span never starts or ends with a function word, nor crosses punctuation", () => {
    const texts = read(paper("A study", "We compare the KV cache of vLLM, and SGLang.")).candidates.flatMap((c) => c.occurrences.map((o) => o.text));
    expect(texts).toContain("KV cache");
    expect(texts).not.toContain("the KV cache");
    expect(texts).not.toContain("vLLM, and SGLang");
  });
  test("a key is the scorer's key (case, punctuation, plural, generic tail ignored)", () => {
    expect(mentionKey("KV-Caches")).toBe(mentionKey("kv cache"));
    expect(mentionKey("Orca system")).toBe("orca");
    const c = read(paper("A study", "The Orca system beats ORCA baselines.")).candidates;
    expect(c.filter((x) => x.key === "orca").flatMap((x) => x.occurrences.map((o) => o.text))).toEqual(["Orca", "Orca system", "ORCA"]);
  });
  test("tokens keep offsets into their sentence and drop a possessive", () => {
    const t = tokenize("vLLM's scheduler (PagedAttention).");
    expect(t.map((x) => x.text)).toEqual(["vLLM", "scheduler", "(", "PagedAttention", ")", "."]);
    expect(t[3]!.start).toBe(18);
  });
});

/** A candidate's probabilities (model.kindProbabilities): each kind's, then each kind's direct estimate (by default the same). */
function probsOf(kinds: readonly number[], direct: readonly number[] = kinds): number[] {
  return [...kinds, ...direct];
}

describe("decisions", () => {
  test("a contribution the paper introduces is not also something it builds on, and of nested spans the direct estimate's choice stays", () => {
    const r = read(paper("FooNet: fast", "We propose FooNet. FooNet uses Llama 2 7B."));
    const at = (key: string) => r.candidates.findIndex((c) => c.key === key);
    const probs = r.candidates.map(() => probsOf([0, 0, 0, 0, 0, 0]));
    probs[at("foonet")] = probsOf([0.9, 0.6, 0, 0, 0, 0]);
    probs[at("llama2")] = probsOf([0, 0, 0, 0, 0, 0.8], [0, 0, 0, 0, 0, 0.5]);
    probs[at("llama27b")] = probsOf([0, 0, 0, 0, 0, 0.6], [0, 0, 0, 0, 0, 0.7]);
    const d = decide(r, probs, 0.3).map((x) => `${x.kind}:${x.candidate.key}`);
    expect(d).toEqual(["introduces:foonet", "models:llama27b"]);
  });
  test("an introduced name is no model, dataset or hardware it uses, and a name is at most one of those", () => {
    const r = read(paper("FooNet: fast", "We propose FooNet and evaluate on ShareGPT."));
    const at = (key: string) => r.candidates.findIndex((c) => c.key === key);
    const probs = r.candidates.map(() => probsOf([0, 0, 0, 0, 0, 0]));
    probs[at("foonet")] = probsOf([0.5, 0, 0, 0, 0, 0.9]);
    probs[at("sharegpt")] = probsOf([0, 0, 0, 0, 0.6, 0.5]);
    expect(decide(r, probs, 0.3).map((x) => `${x.kind}:${x.candidate.key}`)).toEqual(["introduces:foonet", "datasets:sharegpt"]);
  });
  test("an acronym and its expansion share one probability, and are one fact", () => {
    const r = read(paper("A study", "We build on product quantization (PQ). PQ codes are small."));
    const probs = r.candidates.map((c) => probsOf([0, c.key === "pq" ? 0.2 : c.key === "productquantization" ? 0.6 : 0, 0, 0, 0, 0]));
    const d = decide(r, pooledByPartner(r, probs, acronymPartners(r)), 0.3);
    expect(d.map((x) => [x.candidate.key, x.p])).toEqual([["productquantization", 0.4]]);
  });
});

describe("model", () => {
  test("a kind's probability is the mean of its direct estimate and p(name) x p(kind | name), followed by the direct estimates", () => {
    const z = new Float64Array(OUTPUTS.length);
    z[OUTPUTS.indexOf("builds_on")] = 2;
    z[OUTPUTS.indexOf("name")] = 1;
    z[OUTPUTS.indexOf("builds_on|name")] = -0.5;
    const p = kindProbabilities(z);
    expect(p).toHaveLength(2 * FACT_KINDS.length);
    expect(p[FACT_KINDS.indexOf("builds_on")]).toBeCloseTo((sigmoid(2) + sigmoid(1) * sigmoid(-0.5)) / 2, 12);
    expect(p[FACT_KINDS.indexOf("models")]).toBeCloseTo((0.5 + sigmoid(1) * 0.5) / 2, 12);
    expect(p[DIRECT + FACT_KINDS.indexOf("builds_on")]).toBeCloseTo(sigmoid(2), 12);
  });
  test("a row labelled SKIP for an output does not train it", () => {
    const names = FACT_KINDS.map((_, k) => (k === 1 ? 1 : 0));
    const row = (features: string[], name: boolean) => ({
      features,
      labels: Uint8Array.from([...(name ? names : names.map(() => 0)), name ? 1 : 0, ...(name ? names : names.map(() => SKIP))]),
    });
    // "cue" marks the names, and "plain" only rows that are no name: only names train the
    // role-given-name outputs, so "plain" gets no weight there while the direct ones learn it.
    const rows = [...Array.from({ length: 40 }, () => row(["cue"], true)), ...Array.from({ length: 40 }, () => row(["plain"], false))];
    const w = trainLogistic(rows, { epochs: 4, alpha: 0.3, beta: 1, l1: 0, l2: 0, minCount: 1, seed: 17 });
    const plain = w.weights.get("plain")!;
    expect(plain[OUTPUTS.indexOf("name")]).toBeLessThan(-0.5);
    for (const k of FACT_KINDS) expect(plain[OUTPUTS.indexOf(`${k}|name`)]).toBe(0);
    expect(w.weights.get("cue")![OUTPUTS.indexOf("builds_on|name")]).toBeGreaterThan(0.5);
  });
});

describe("facts", () => {
  const abstract =
    "Serving large models is slow. We propose FooNet, a serving system built on PagedAttention and speculative decoding. " +
    "FooNet outperforms vLLM by 2.3x higher throughput on ShareGPT with Llama 2 on A100 GPUs.";
  const f = extractFacts(paper("FooNet: Fast Serving", abstract));

  test("evidence offsets point at the sentence in its field, confidences are probabilities", () => {
    expect(f.facts.length).toBeGreaterThan(3);
    for (const x of f.facts) {
      const text = x.evidence.field === "title" ? f.paper.title : f.paper.abstract;
      expect(text.slice(x.evidence.start, x.evidence.end)).toBe(x.evidence.sentence);
      expect(x.evidence.confidence).toBeGreaterThan(0);
      expect(x.evidence.confidence).toBeLessThanOrEqual(1);
      expect(x.evidence.rule).toBe(`model:${x.kind}`);
    }
  });
  test("the title's named method is introduced, and nothing builds on itself", () => {
    const intro = f.facts.filter((x) => x.kind === "introduces").map((x) => x.entity.key);
    expect(intro).toContain("foonet");
    expect(f.facts.some((x) => x.kind !== "introduces" && x.entity.key === "foonet")).toBe(false);
  });
  test("one entity kind per name across facts", () => {
    const kinds = new Map<string, Set<string>>();
    for (const x of f.facts) kinds.set(x.entity.key, (kinds.get(x.entity.key) ?? new Set()).add(x.entity.kind));
    for (const k of kinds.values()) expect(k.size).toBe(1);
  });
  test("a comparison carries the claim of its sentence", () => {
    const c = f.facts.find((x) => x.kind === "compares_to" && x.entity.key === "vllm");
    expect(c?.claim).toMatchObject({ value: 2.3, unit: "x", direction: "higher" });
  });
  test("a comparison's claim comes from the sentence that compares against the name, not an earlier one where the name compares to others", () => {
    const r = read(paper("A Study of Attention Kernels", "FlashAttention brings a 2-4x speedup compared to optimized baselines. Our kernel yields a 1.7x speedup compared to FlashAttention."));
    const probs = r.candidates.map((c) => probsOf([0, 0, c.key === "flashattention" ? 0.8 : 0, 0, 0, 0]));
    const [c] = factsOf(r, probs, decide(r, probs, 0.3)).facts;
    expect(c?.evidence.sentence).toBe("Our kernel yields a 1.7x speedup compared to FlashAttention.");
    expect(c?.claim).toMatchObject({ value: 1.7, unit: "x" });
  });
  test.each([
    ["Ours is 2x faster than FlashAttention.", true],
    ["It runs faster than A, B and FlashAttention.", true],
    ["FlashAttention brings a 2-4x speedup compared to optimized baselines.", false],
    ["We beat the baselines by 2x, and FlashAttention is slower.", false],
  ])("comparedAt: %s -> %s", (sentence, expected) => {
    const start = sentence.indexOf("FlashAttention");
    expect(comparedAt(sentence, { start, end: start + "FlashAttention".length })).toBe(expected);
  });
  test("known names take the vocabulary's canonical entity", () => {
    const hw = f.facts.filter((x) => x.kind === "hardware").map((x) => x.entity);
    expect(hw).toContainEqual(expect.objectContaining({ kind: "Hardware", name: "A100", key: "a100" }));
  });
  test("extraction is a pure function of the paper", () => {
    expect(extractFacts(paper("FooNet: Fast Serving", abstract))).toEqual(f);
  });
});

describe("vocabulary", () => {
  test.each([
    ["KV cache", "key-value cache"],
    ["KV caches", "KV cache"],
    ["A100-80GB", "A100"],
  ])("%s and %s are one entry", (a, b) => {
    const [ma, mb] = [findKnown(`the ${a} here`)[0], findKnown(`the ${b} here`)[0]];
    expect(ma?.entry.name).toBe(mb?.entry.name);
  });
  test("lineage links versions the vocabulary knows when both are facts", () => {
    const r = read(paper("FlashAttention-2: Faster Attention", "FlashAttention-2 is 2x faster than FlashAttention."));
    const probs = r.candidates.map((c) => probsOf([c.key === "flashattention2" ? 0.9 : 0, 0, c.key === "flashattention" ? 0.8 : 0, 0, 0, 0]));
    const { facts, lineage } = factsOf(r, probs, decide(r, probs, 0.3));
    expect(facts.map((x) => `${x.kind}:${x.entity.name}`)).toEqual(["introduces:FlashAttention-2", "compares_to:FlashAttention"]);
    expect(lineage.map((l) => [l.from.name, l.to.name])).toEqual([["FlashAttention-2", "FlashAttention"]]);
  });
  test("a vocabulary lineage edge needs a sentence naming both: a paper naming them in different sentences states no edge", () => {
    const r = read(paper("A Study of Attention Kernels", "We build on FlashAttention. Our kernel is 2x faster than FlashAttention-2."));
    const probs = r.candidates.map((c) => probsOf([0, c.key === "flashattention" ? 0.8 : 0, c.key === "flashattention2" ? 0.8 : 0, 0, 0, 0]));
    const { facts, lineage } = factsOf(r, probs, decide(r, probs, 0.3));
    expect(facts.map((x) => `${x.kind}:${x.entity.name}`).sort()).toEqual(["builds_on:FlashAttention", "compares_to:FlashAttention-2"]);
    expect(lineage).toEqual([]);
  });
  test("a lineage edge's evidence is the first sentence that names both entities", () => {
    const r = read(paper("A Study of Attention Kernels", "We compare against FlashAttention-2 on long inputs. FlashAttention-2 refines FlashAttention."));
    const probs = r.candidates.map((c) => probsOf([0, 0, c.key === "flashattention2" || c.key === "flashattention" ? 0.8 : 0, 0, 0, 0]));
    const { facts, lineage } = factsOf(r, probs, decide(r, probs, 0.3));
    expect(facts.find((f) => f.entity.name === "FlashAttention-2")!.evidence.sentence).toBe("We compare against FlashAttention-2 on long inputs.");
    expect(lineage.map((l) => [l.from.name, l.to.name, l.evidence.sentence, l.evidence.rule])).toEqual([
      ["FlashAttention-2", "FlashAttention", "FlashAttention-2 refines FlashAttention.", "lineage:vocabulary"],
    ]);
    const [l] = lineage;
    const abstract = "We compare against FlashAttention-2 on long inputs. FlashAttention-2 refines FlashAttention.";
    expect(abstract.slice(l!.evidence.start, l!.evidence.end)).toBe(l!.evidence.sentence);
  });
  test.each([
    ["We train on 8 NVIDIA A100 GPUs.", "NVIDIA A100 GPUs", "A100"],
    ["It fits on 40GB A100 GPUs.", "40GB A100 GPUs", "A100"],
    ["Measured on an A100-80GB GPU.", "A100-80GB GPU", "A100"],
    ["We use NVIDIA A100s.", "NVIDIA A100s", "A100"],
    ["We use NVIDIA H800 GPUs.", "NVIDIA H800 GPUs", "H800"],
    ["It compiles for Google TPUs.", "Google TPUs", "TPU"],
  ])("a chip written with its maker, memory size or head (%s) is the chip's one hardware entity", (sentence, written, chip) => {
    const p = paper("A study", sentence);
    const r = read(p);
    const probs = r.candidates.map((c) => probsOf([0, 0, 0, c.occurrences.some((o) => o.text === written) ? 0.8 : 0, 0, 0]));
    const { facts, lineage } = factsOf(r, probs, decide(r, probs, 0.3));
    expect(facts.map((f) => [f.kind, f.entity.kind, f.entity.name, f.entity.key])).toEqual([["hardware", "Hardware", chip, chip.toLowerCase()]]);
    // The contract still gives the name as the paper writes it.
    expect(toContractRecord({ paper: p, facts, lineage, extractorVersion: "test" }).hardware).toEqual([written]);
  });
  test.each([["It runs on consumer GPUs."], ["Jobs run on preemptible T4 GPUs."]])(
    "a hardware name without a model number, or with a word that is not decoration, keeps its name (%s)", (sentence) => {
      const r = read(paper("A study", sentence));
      const written = /(?:on|use) (.*)\.$/.exec(sentence)![1]!;
      const probs = r.candidates.map((c) => probsOf([0, 0, 0, c.occurrences.some((o) => o.text === written) ? 0.8 : 0, 0, 0]));
      const { facts } = factsOf(r, probs, decide(r, probs, 0.3));
      expect(facts.map((f) => f.entity.name)).toEqual([written]);
    });
  test("two names of one entity are one fact, and the contract lists both as written", () => {
    const p = paper("A study", "We fine-tune T5-base and T5-XXL.");
    const r = read(p);
    const probs = r.candidates.map((c) => probsOf([0, 0, 0, 0, 0, c.key === "t5base" ? 0.8 : c.key === "t5xxl" ? 0.7 : 0]));
    const { facts, lineage } = factsOf(r, probs, decide(r, probs, 0.3));
    expect(facts.map((x) => [x.entity.name, x.mention, x.otherMentions])).toEqual([["T5", "T5-base", ["T5-XXL"]]]);
    expect(toContractRecord({ paper: p, facts, lineage, extractorVersion: "test" }).models).toEqual(["T5-base", "T5-XXL"]);
  });
});

describe("reference data", () => {
  test("a method the Papers with Code list credits to this very paper (same title) is marked as its origin", () => {
    const title = "Movement Pruning: Adaptive Sparsity by Fine-Tuning";
    const r = read(paper(title, "We propose movement pruning, a first-order method, and compare it with magnitude pruning."));
    const origins = new Map([[originKey("Movement pruning - adaptive sparsity by fine-tuning!"), ["movementpruning"]]]);
    const sets = featuresOf(r, { lexicon: new Map(), pwc: new Set(), terms: new Map(), origins }, new Map());
    const marked = r.candidates.filter((_, i) => sets[i]!.has("pwc:origin")).map((c) => c.key);
    expect(marked).toEqual(["movementpruning"]);
    const elsewhere = featuresOf(read(paper("Another paper", "We compare with movement pruning.")), { lexicon: new Map(), pwc: new Set(), terms: new Map(), origins }, new Map());
    expect(elsewhere.some((s) => s.has("pwc:origin"))).toBe(false);
  });
});

describe("features", () => {
  test("a span that opens its sentence is its subject: the word after it (past an acronym) is a feature; a span after the verb is not", () => {
    const r = read(paper("Title", "Sparse attention (SA) outperforms dense attention. We keep dense attention; sparse attention fails."));
    const sets = featuresOf(r, { lexicon: new Map(), pwc: new Set(), terms: new Map(), origins: new Map() }, new Map());
    const subject = (key: string) => [...sets[r.candidates.findIndex((c) => c.key === key)]!].filter((f) => f.startsWith("subj:")).sort();
    expect(subject("sparseattention")).toEqual(["subj:cue:cmp", "subj:fails", "subj:outperforms"]);
    expect(subject("denseattention")).toEqual([]);
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

describe("claims", () => {
  const at = (sentence: string, name: string) => ({ start: sentence.indexOf(name), end: sentence.indexOf(name) + name.length });
  test.each([
    ["Our system outperforms vLLM by 2.3x higher effective throughput.", 2.3, "x", "higher"],
    ["It is 3x faster than FlashAttention on long sequences.", 3, "x", "higher"],
    ["Compared with BM25, recall improves by 19%.", 19, "%", "higher"],
  ])("%s", (sentence, value, unit, direction) => {
    expect(parseClaim(sentence)).toMatchObject({ value, unit, direction });
  });
  test("a parsed claim names its metric", () => {
    expect(parseClaim("achieves 2.3x higher effective throughput than vLLM")).toMatchObject({ value: 2.3, metric: "throughput" });
  });
  test.each([
    ["from the words before the figure", "it reduces costs by 2.4x against on-demand instances", "cost"],
    ["a two-word measure whole", "it achieves 6.0x higher cost efficiency than GPUs", "cost efficiency"],
    ["not the next claim's", "it is 1.8x faster than MobileNetV2 with 0.5% higher accuracy", "speed"],
    ["not the claim's before", "it scores up to 65.8% in NDCG, and is 5.3x faster than the baseline", "speed"],
    ["not a word inside a hyphenated one", "it speeds up test-time decoding by 4x over best-of-N", "speed"],
    ["a speedup is speed", "it yields a 3x training speed-up over FP16", "speed"],
  ])("a claim's metric: %s", (_, sentence, metric) => {
    const anchor = /than|over|against/.exec(sentence)!;
    expect(parseClaim(sentence, { start: anchor.index + anchor[0].length + 1, end: sentence.length })?.metric).toBe(metric);
  });
  test("its text is the figure with its comparative words, not the rest of the sentence", () => {
    expect(parseClaim("It is 3x faster than FlashAttention on long sequences.")?.text).toBe("3x faster");
    expect(parseClaim("It is 2.3x faster than vLLM, with 0.5% higher accuracy.")?.text).toBe("2.3x faster");
  });
  // A claim is read alone (Comparison.claim, the explorer, feeds, the digest, extract's text): its
  // text says what it measures, in the sentence's words where they follow the figure.
  test.each([
    ["the measure before it, added", "It reduces latency by up to 3.2x compared to non-speculative decoding.", "non-speculative", "by up to 3.2x in latency", "latency"],
    ["the measure before it, added", "The experimental results show that dLoRA improves the throughput by up to 57.9× and 26.0×, compared to vLLM and HugginFace PEFT, respectively.", "vLLM", "by up to 57.9× in throughput", "throughput"],
    ["an acronym as written", "MegaScale achieves 55.2% Model FLOPs Utilization (MFU) when training a 175B LLM model on 12,288 GPUs, improving the MFU by 1.34x compared to Megatron-LM.", "Megatron-LM", "by 1.34x in MFU", "mfu"],
    ["a speed-up as speed", "FlashFFTConv speeds up exact FFT convolutions by up to 7.93times over PyTorch.", "PyTorch", "by up to 7.93× in speed", "speed"],
    ["the \"in\" phrase that follows, which names the measure", "our kernels achieve on average a 20% increase in training throughput and a 60% reduction in GPU memory usage for popular LLMs compared to HuggingFace implementations.", "HuggingFace", "60% reduction in GPU memory usage", "memory"],
    ["the \"of\" phrase that follows", "the best model reaches on average 83% of ChatGPT performance, and 68% of GPT-4 performance.", "ChatGPT", "on average 83% of ChatGPT performance", "performance"],
  ])("a claim whose own words name no measure states it: %s", (_, sentence, name, text, metric) => {
    expect(parseClaim(sentence, at(sentence, name))).toMatchObject({ text, metric });
  });
  test("a claim with its own measure, or none anywhere, is as written", () => {
    expect(parseClaim("achieves 2.3x higher effective throughput than vLLM")?.text).toBe("2.3x higher effective throughput");
    expect(parseClaim("It is 3x faster than FlashAttention on long sequences.")).toMatchObject({ text: "3x faster", metric: "speed" });
    expect(parseClaim("It beats vLLM by 2x in most cases.")?.text).toBe("by 2x");
  });
  test.each([
    ["a range, by its upper end; a converter's glued \"times\" printed as ×", "runtime speedup (2-4times compared to optimized baselines)", 4, "x", "2-4× in speed"],
    ["a range of ratios", "it is 1.2x-14.1x faster than the baselines", 14.1, "x", "1.2x-14.1x faster"],
    ["thousands separators", "FastRP is over 4,000 times faster than DeepWalk", 4000, "x", "over 4,000 times faster"],
    ["LaTeX, printed as its sign", "FlightLLM achieves 6.0$\\times$ higher energy efficiency against GPUs", 6, "x", "6.0× higher energy efficiency"],
    ["LaTeX's percent", "latency falls by 34 \\% against the BF16 baseline", 34, "%", "by 34 % in latency"],
    ["LaTeX's inline math around the figure, as arXiv abstracts write it", "FastVLM achieves $3.2\\times$ improvement in TTFT over LLaVA", 3.2, "x", "3.2× improvement in TTFT"],
    ["LaTeX's inline math after \"by up to\"", "it cuts latency by up to $7.59\\times$ against vLLM", 7.59, "x", "by up to 7.59× in latency"],
    ["LaTeX's inline math around a figure with x", "Bamboo reduces cost by up to $29.6x$ compared to Varuna", 29.6, "x", "by up to 29.6x in cost"],
    ["LaTeX's inline math with its approximation sign", "Muon achieves $\\sim\\!2\\times$ computational efficiency compared to AdamW", 2, "x", "2× computational efficiency"],
  ])("%s", (_, sentence, value, unit, text) => {
    expect(parseClaim(sentence)).toMatchObject({ value, unit, text });
  });
  test.each([
    ["a version", "fp4 suits the llama2 series of models better than nf4"],
    ["a model size", "Mixtral 8x7B surpasses GPT-3.5 on most benchmarks"],
    ["a product of sizes", "a 16 x 3.8B MoE model outperforms Llama"],
    ["a chip's generation", "TPU v4s use less energy than contemporary DSAs"],
    ["a unit's prefix", "H3 outperforms Transformers by 1 PPL on OpenWebText"],
  ])("digits inside %s are no figure", (_, sentence) => {
    expect(parseClaim(sentence)).toBeUndefined();
  });
  test("a decimal written with a colon, as PDF converters leave \"36.9×\", is read whole, not from its last digits", () => {
    const s = "ORCA can significantly outperform NVIDIA FasterTransformer in terms of both latency and throughput: 36:9× throughput improvement at the same level of latency.";
    expect(parseClaim(s, at(s, "NVIDIA FasterTransformer"))).toMatchObject({ text: "36:9× throughput improvement", value: 36.9, unit: "x", direction: "higher", metric: "throughput" });
  });
  test("a clock time or a ratio written with a colon is no decimal", () => {
    expect(parseClaim("a 4:1 ratio of draft to target calls, 3x faster than vLLM")).toMatchObject({ value: 3, text: "3x faster" });
    expect(parseClaim("the 2:4 sparsity pattern gives a 1.5x speedup")).toMatchObject({ value: 1.5 });
  });
  test("a claim's measure is not one from a clause before it, past \"but\" or \"while\"", () => {
    const s = "our framework not only achieved a remarkable 39% reduction in real memory usage but also ran 75% faster than the widely adopted BF16 framework (i.e., Megatron-LM)";
    expect(parseClaim(s, at(s, "Megatron-LM"))).toMatchObject({ text: "75% faster", value: 75, metric: "speed" });
    const t = "it keeps the accuracy of the baseline while being 2x faster than FlashAttention";
    expect(parseClaim(t, at(t, "FlashAttention"))?.metric).toBe("speed");
  });
  // A claim is read alone (comparedIn, the feeds, the digest): a figure listed after another in the
  // same construction is a figure of the same measure, and says so, in the same direction.
  test.each([
    ["names and figures listed after one measure", "Measured by NDCG@10, it outperforms BM25 by 44%, a dense retriever by 19%, doc2query by 11%, and the best prior model by 5%.", "doc2query", "by 11% in NDCG", "ndcg", "higher"],
    ["the last of such a list, with no verb near it", "Measured by NDCG@10, it outperforms BM25 by 44%, a dense retriever by 19%, doc2query by 11%, and the best prior model by 5%.", "best prior model", "by 5% in NDCG", "ndcg", "higher"],
    ["a measure left out after \"and\", past a name that is also a word", "It shows over 70% less time-to-first-token and token latency compared to Accelerate, and over 85% compared to Galaxy, while cutting peak memory by 50%.", "Galaxy", "over 85% in time-to-first-token", "ttft", "lower"],
    ["figures per setting, across a semicolon", "It improves the serving throughput of model A by 1.2x on GPU1, 1.4x on GPU2; and of model B by 2.4x on GPU1, 3.5x on GPU2, compared to EngineX.", "EngineX", "3.5x in throughput", "throughput", "higher"],
  ])("a figure listed after another in the same construction measures what it does: %s", (_, sentence, name, text, metric, direction) => {
    expect(parseClaim(sentence, at(sentence, name))).toMatchObject({ text, metric, direction });
  });
  test("a figure in a part of its own, or whose words say what it counts, takes no measure from the figure before it", () => {
    const s = "It reduces memory by 2.5x for model A and accelerates prefill by 1.7x compared to full attention.";
    expect(parseClaim(s, at(s, "full attention"))).toEqual({ text: "by 1.7x", value: 1.7, unit: "x", direction: "higher" });
    const t = "It reaches 2x higher throughput and serves 3x more requests than SystemX.";
    expect(parseClaim(t, at(t, "SystemX"))).toEqual({ text: "3x more requests", value: 3, unit: "x", direction: "higher" });
  });
  test.each([
    ["\"faster\" is speed, not the measure of the phrase before it", "In index build time, our method is 2-27x faster than HNSW.", "HNSW", "2-27x faster", "speed"],
    ["what its comparative word counts, not a neighbouring noun", "It shows superior tokenization efficiency, needing 24% fewer tokens per document than BERT.", "BERT", "24% fewer tokens", undefined],
  ])("a claim's own words say what it measures before a measure near it: %s", (_, sentence, name, text, metric) => {
    const claim = parseClaim(sentence, at(sentence, name));
    expect(claim?.text).toBe(text);
    expect(claim?.metric).toBe(metric);
  });
  test.each([
    ["surpassing", "It also surpasses the speed of EngineX by 37%.", "EngineX"],
    ["exceeding", "Our model exceeds ModelY on math questions by up to 27%.", "ModelY"],
  ])("the direction of a figure after a verb of comparison, %s, is higher", (_, sentence, name) => {
    expect(parseClaim(sentence, at(sentence, name))?.direction).toBe("higher");
  });
  test("a size stated as a setting is no claim; a size a result reaches is one", () => {
    expect(parseClaim("a compressed Mixtral-8x7B model, which exceeds 90GB, was compared with existing methods")).toBeUndefined();
    expect(parseClaim("it reduces memory to 3.1 GB, against 12 GB for vLLM")).toMatchObject({ value: 3.1, unit: "gb", direction: "lower" });
  });
  test("the direction comes from the verb before the figure when the claim has no comparative word", () => {
    expect(parseClaim("Our method reduces the communication volume by up to 5x, with the same convergence speedup.")).toMatchObject({ value: 5, direction: "lower" });
  });
  test("a comparative word after a list of figures is each figure's", () => {
    const s = "CAFE outperforms existing methods, yielding 3.92% and 3.68% superior AUC on two datasets at a compression ratio of 10000x.";
    expect(parseClaim(s, at(s, "existing methods"))).toMatchObject({ value: 3.92, unit: "%", direction: "higher" });
  });
  test("figures listed before one comparative word are one claim, in its direction", () => {
    expect(parseClaim("TCNCA outperforms MEGA, reaching a lower loss with 1.37x/1.24x faster forward/backward pass.")).toMatchObject({
      text: "1.37x/1.24x faster forward/backward pass",
      value: 1.37,
      direction: "higher",
    });
  });
  test("digits inside a name between the figure and the compared name do not part them", () => {
    const s = "It ran 75% faster than the BF16 framework (Megatron-LM), surpassing Transformer Engine by 37%.";
    expect(parseClaim(s, at(s, "Megatron-LM"))?.value).toBe(75);
    expect(parseClaim(s, at(s, "Transformer Engine"))?.value).toBe(37);
  });
  test("figures and names matched by 'respectively' go by their places", () => {
    const s = "dLoRA improves the throughput by up to 57.9x and 26.0x, compared to vLLM and HuggingFace PEFT, respectively.";
    expect(parseClaim(s, at(s, "vLLM"))?.value).toBe(57.9);
    expect(parseClaim(s, at(s, "HuggingFace PEFT"))?.value).toBe(26);
    const t = "It outperforms A, B and C by 5%, 7% and 9% respectively, and D by 2.0x.";
    expect(parseClaim(t, at(t, "B"))?.value).toBe(7);
  });
  test("a comparison is preferred over an absolute figure of the same sentence", () => {
    const s = "MnasNet achieves 75.2% top-1 accuracy with 78ms latency, which is 1.8x faster than MobileNetV2.";
    expect(parseClaim(s)).toMatchObject({ value: 1.8, unit: "x", direction: "higher" });
  });
  test("of several comparisons, the one said of the compared name", () => {
    const s = "We outperform BM25 by 44%, a plainly trained DR by 19%, and docT5query by 11%.";
    expect(parseClaim(s, at(s, "BM25"))?.value).toBe(44);
    expect(parseClaim(s, at(s, "DR"))?.value).toBe(19);
    expect(parseClaim(s, at(s, "docT5query"))?.value).toBe(11);
    const t = "FlashFFTConv speeds up convolutions by up to 7.93x over PyTorch and achieves up to 4.4x speedup end-to-end.";
    expect(parseClaim(t, at(t, "PyTorch"))?.value).toBe(7.93);
  });
});

describe("long abstracts", () => {
  test("facts come from the first MAX_ABSTRACT_CHARS characters, cut at a sentence end", () => {
    const filler = "The results hold across many settings. ".repeat(Math.ceil(MAX_ABSTRACT_CHARS / 39));
    const f = extractFacts(paper("A study", `We run FooNet on A100 GPUs. ${filler}We also run it on a TPU v4 pod.`));
    const sentences = f.facts.map((x) => x.evidence.sentence);
    expect(sentences.some((s) => s.includes("TPU v4"))).toBe(false);
    expect(f.facts.every((x) => x.evidence.end <= MAX_ABSTRACT_CHARS)).toBe(true);
    expect(record("A study", `We run FooNet on A100 GPUs. ${filler}`).hardware.map(mentionKey)).toContain("a100gpu");
  });
});
