// Louvain over typed arrays, and the streaming corpus behind topics at any size.
import { csrFromEdges, louvain } from "../../src/topics/communities";
import { TopicCorpus } from "../../src/topics/corpus";
import { buildTopics, entitySpecificity, minTopicSize, mulberry32 } from "../../src/topics/detect";

function graph(n: number, edges: [number, number, number][]) {
  return csrFromEdges(n, Int32Array.from(edges.map((e) => e[0])), Int32Array.from(edges.map((e) => e[1])), Float32Array.from(edges.map((e) => e[2])), edges.length);
}

test("two dense groups joined by one weak edge are two communities, whatever the seed", () => {
  const edges: [number, number, number][] = [];
  for (const base of [0, 5]) for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) edges.push([base + i, base + j, 1]);
  edges.push([4, 5, 0.1]);
  for (const seed of [1, 2, 3]) {
    const c = louvain(graph(10, edges), { resolution: 1, random: mulberry32(seed) });
    expect(new Set(c.slice(0, 5)).size).toBe(1);
    expect(new Set(c.slice(5)).size).toBe(1);
    expect(c[0]).not.toBe(c[5]);
  }
});

test("CSR keeps both directions of an edge and self-loops once; isolated nodes stay alone", () => {
  const g = graph(4, [[0, 1, 2], [2, 2, 1]]);
  expect([...g.offsets]).toEqual([0, 1, 2, 3, 3]);
  expect([...g.adj]).toEqual([1, 0, 2]);
  const c = louvain(g, { resolution: 1, random: mulberry32(1) });
  expect(c[0]).toBe(c[1]);
  expect(new Set([c[0], c[2], c[3]]).size).toBe(3);
});

test("phrase frequencies come from the first papers (the sample); every paper is vectorised once", () => {
  const corpus = new TopicCorpus(6, 4);
  const paper = (i: number, words: string) => ({ id: `p${i}`, title: words, abstract: words, mentions: [] });
  ["kv cache eviction", "kv cache quantization", "speech synthesis vocoder", "speech synthesis duration", "kv cache offloading", "speech synthesis prosody"]
    .forEach((w, i) => corpus.add(paper(i, w)));
  corpus.finish();
  expect(corpus.size).toBe(6);
  expect(corpus.phraseNames).toEqual(expect.arrayContaining(["kv cache", "speech synthesis"]));
  // "offloading" is in no sampled paper: it cannot be a feature.
  expect(corpus.phraseNames).not.toContain("offloading");
  const t4 = corpus.text(4);
  expect([...t4.ids].map((f) => corpus.phraseNames[f])).toEqual(expect.arrayContaining(["kv cache"]));
  expect(() => corpus.add(paper(7, "late"))).toThrow(/complete/);
});

test("specificity: an entity whose papers share a topic is specific, one spread like the topic sizes is not", () => {
  const prior = [0.25, 0.25, 0.25, 0.25];
  const focused = entitySpecificity(new Map([[0, 20]]), 20, prior);
  const spread = entitySpecificity(new Map([[0, 5], [1, 5], [2, 5], [3, 5]]), 20, prior);
  const once = entitySpecificity(new Map([[0, 1]]), 1, prior);
  expect(focused).toBeGreaterThan(1.5);
  expect(spread).toBe(0);
  expect(once).toBeGreaterThan(0);
  expect(once).toBeLessThan(focused);
});

test("topics of a streamed corpus: minimum size grows with the corpus, profiles name phrases and entities", () => {
  expect(minTopicSize(112)).toBe(3);
  expect(minTopicSize(100_000)).toBe(50);
  // The graph holds 100 papers; these 8 are what streamed in (an entity in 4 of 100 papers links them).
  const corpus = new TopicCorpus(100);
  for (let i = 0; i < 8; i++) {
    const kv = i % 2 === 0;
    corpus.add({
      id: `p${i}`,
      title: kv ? `KV cache eviction ${i}` : `Speech synthesis vocoder ${i}`,
      abstract: kv ? "We compress the KV cache of long context models by eviction." : "Text to speech synthesis with a neural vocoder and duration model.",
      mentions: [{ entity: kv ? "technique:kvcache" : "model:fastspeech", name: kv ? "KV cache" : "FastSpeech", kind: kv ? "Technique" : "Model", type: "USES", df: 4 }],
    });
  }
  const result = buildTopics(corpus.finish());
  expect(result.topics).toHaveLength(2);
  expect(result.topics.map((t) => t.size)).toEqual([4, 4]);
  const kv = result.profiles.find((p) => p.features.includes("e:technique:kvcache"))!;
  expect(kv.features.some((f) => f.startsWith("p:") && f.includes("cache"))).toBe(true);
  expect(result.specificity.map((s) => s.entity).sort()).toEqual(["model:fastspeech", "technique:kvcache"]);
});
