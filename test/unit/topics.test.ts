// Topic detection is pure and deterministic: two clearly separate groups of papers come out as two
// topics, named by their own vocabulary and entities, identically on every run.
import { characteristic, detectTopics, mulberry32, slug, topicName, type TopicInput } from "../../src/topics/detect";
import { cosine, phrases, tfidf, tokens } from "../../src/topics/text";

const kv = (i: number) => ({
  id: `p_kv${i}`,
  title: `KV cache compression ${i} for long context inference`,
  abstract: `We compress the KV cache of long context language models. Eviction of KV cache entries keeps long context accuracy while memory drops (variant ${i}).`,
});
const tts = (i: number) => ({
  id: `p_tts${i}`,
  title: `Speech synthesis ${i} with duration prediction`,
  abstract: `Text to speech synthesis with a duration predictor and a vocoder produces natural speech; mel-spectrogram generation runs in parallel (variant ${i}).`,
});

const input: TopicInput = {
  papers: [kv(1), tts(1), kv(2), tts(2), kv(3), tts(3), kv(4), tts(4)],
  mentions: [
    ...[1, 2, 3, 4].map((i) => ({ paper: `p_kv${i}`, entity: "technique:kvcache", name: "KV cache", kind: "Technique", type: "USES" })),
    ...[1, 2, 3].map((i) => ({ paper: `p_tts${i}`, entity: "model:fastspeech", name: "FastSpeech", kind: "Model", type: "COMPARES_TO" })),
    { paper: "p_kv1", entity: "technique:snapkv", name: "SnapKV", kind: "Technique", type: "INTRODUCES" },
    ...[1, 2, 3, 4].map((i) => ({ paper: `p_kv${i}`, entity: "hardware:gpu", name: "GPU", kind: "Hardware", type: "EVALUATED_ON" })),
    { paper: "p_tts1", entity: "hardware:gpu", name: "GPU", kind: "Hardware", type: "EVALUATED_ON" },
  ],
  lineage: [{ from: "technique:snapkv", to: "technique:kvcache", paper: "p_kv1" }],
};

test("two separate groups of papers become two topics", () => {
  const topics = detectTopics(input);
  expect(topics).toHaveLength(2);
  const byPaper = new Map(topics.flatMap((t) => t.papers.filter((p) => p.weight >= 0.5).map((p) => [p.paper, t.id] as const)));
  expect(new Set([1, 2, 3, 4].map((i) => byPaper.get(`p_kv${i}`))).size).toBe(1);
  expect(new Set([1, 2, 3, 4].map((i) => byPaper.get(`p_tts${i}`))).size).toBe(1);
  expect(byPaper.get("p_kv1")).not.toBe(byPaper.get("p_tts1"));
  expect(topics.map((t) => t.size).sort()).toEqual([4, 4]);
});

test("topics are named by what is frequent inside and rare outside", () => {
  const [a, b] = detectTopics(input);
  const names = [a!.name, b!.name].join(" / ");
  expect(names).toMatch(/kv cache|long context/i);
  expect(names).toMatch(/speech|duration/i);
  const kvTopic = [a!, b!].find((t) => t.papers.some((p) => p.paper === "p_kv1" && p.weight >= 0.5))!;
  expect(kvTopic.entities[0]).toBe("KV cache");
  expect(kvTopic.entities).not.toContain("GPU");
  expect(kvTopic.members.map((m) => m.entity)).toEqual(expect.arrayContaining(["technique:kvcache", "technique:snapkv"]));
  expect(kvTopic.members.map((m) => m.entity)).not.toContain("hardware:gpu");
  expect(kvTopic.id).toBe(`topic:${slug(kvTopic.name)}`);
});

test("the same input gives the same topics, whatever the input order", () => {
  const once = detectTopics(input);
  const shuffled: TopicInput = { ...input, papers: [...input.papers].reverse(), mentions: [...input.mentions].reverse() };
  expect(detectTopics(shuffled)).toEqual(once);
  expect(detectTopics(input)).toEqual(once);
});

test("no papers, no topics; a lone paper is one topic", () => {
  expect(detectTopics({ papers: [], mentions: [], lineage: [] })).toEqual([]);
  const one = detectTopics({ papers: [kv(1)], mentions: [], lineage: [] });
  expect(one).toHaveLength(1);
  expect(one[0]!.papers).toEqual([{ paper: "p_kv1", weight: expect.any(Number) }]);
});

test("mulberry32 is seeded: same seed, same sequence; values in [0, 1)", () => {
  const a = mulberry32(7);
  const b = mulberry32(7);
  const xs = Array.from({ length: 5 }, () => a());
  expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
  expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  expect(mulberry32(8)()).not.toBe(xs[0]);
});

test.each([
  ["KV-cache eviction for the long context", ["kv-cache", "eviction", "", "", "long", "context"]],
  ["We propose 3 new methods", ["", "", "", "", ""]],
])("tokens(%p)", (text, expected) => {
  expect(tokens(text)).toEqual(expected);
});

test("phrases are content unigrams and adjacent bigrams", () => {
  expect(phrases("KV cache eviction of the long context")).toEqual(["kv cache", "cache", "cache eviction", "eviction", "long", "long context", "context"]);
});

test("tf-idf cosine: shared rare phrases make documents similar", () => {
  const { vectors } = tfidf(["kv cache eviction", "kv cache quantization", "speech synthesis vocoder", "speech synthesis duration", "image classification", "graph embedding", "tabular data", "code completion"]);
  expect(cosine(vectors[0]!, vectors[1]!)).toBeGreaterThan(0.3);
  expect(cosine(vectors[0]!, vectors[2]!)).toBe(0);
});

test("characteristic: frequent in the group and rare elsewhere ranks first; unigrams inside a better bigram are dropped", () => {
  const items = [
    new Map([["kv cache", 1], ["cache", 1], ["memory", 1]]),
    new Map([["kv cache", 1], ["cache", 1], ["memory", 1]]),
    new Map([["memory", 1], ["speech", 1]]),
    new Map([["memory", 1], ["speech", 1]]),
  ];
  expect(characteristic([0, 1], items, 2)).toEqual(["kv cache", "memory"]);
});

test.each([
  [["kv cache", "long context", "memory"], ["SnapKV"], "kv cache, long context (SnapKV)"],
  [["speech synthesis", "speech"], ["FastSpeech"], "speech synthesis (FastSpeech)"],
  [["flashattention", "attention kernels"], ["FlashAttention"], "flashattention, attention kernels"],
  [[], ["GPT-4"], "GPT-4"],
  [[], [], "miscellaneous"],
])("topicName(%p, %p) = %p", (terms, entities, expected) => {
  expect(topicName(terms, entities)).toBe(expected);
});

test("topics do not depend on the order the database returns rows in", () => {
  const { detectTopics } = require("../../src/topics/detect") as typeof import("../../src/topics/detect");
  const papers = Array.from({ length: 12 }, (_, i) => ({ id: `p${i}`, title: `Paper ${i} on ${i % 2 ? "kv cache eviction" : "speculative decoding drafts"}`, abstract: `We study ${i % 2 ? "cache eviction and compression of keys" : "draft models and verification of tokens"} ${i % 3 ? "on GPUs" : "at scale"}.` }));
  const mentions = papers.flatMap((p, i) => [
    { paper: p.id, entity: i % 2 ? "technique:kvcache" : "technique:speculativedecoding", name: i % 2 ? "KV cache" : "speculative decoding", kind: "Technique", type: "USES" },
    { paper: p.id, entity: `technique:own${i}`, name: `Own${i}`, kind: "Technique", type: "INTRODUCES" },
    { paper: p.id, entity: "hardware:gpu", name: "GPU", kind: "Hardware", type: "EVALUATED_ON" },
  ]);
  const lineage = papers.slice(1).map((p, i) => ({ from: `technique:own${i + 1}`, to: `technique:own${i % 2 ? i : i + 1 === 1 ? 0 : i - 1}`, paper: p.id }));
  const a = detectTopics({ papers, mentions, lineage });
  const b = detectTopics({ papers: [...papers].reverse(), mentions: [...mentions].reverse(), lineage: [...lineage].reverse() });
  expect(b).toEqual(a);
});
