// The name tagger: extraction's cached emissions equal the string features training reads, Viterbi
// keeps BIO well formed, a span's margin is 0 exactly where the tagger marks a name, and gold
// labels mark the shorter of two spans with one key. Its quality is measured by npm run eval.
import { read } from "../../../src/ingest/extract/candidates";
import { shippedModel } from "../../../src/ingest/extract/model";
import { B, emissions, emissionsOf, I, LABELS, O, referenceMarks, spanMargins, tokenFeatures, viterbi } from "../../../src/ingest/extract/tagger";
import { goldLabels } from "../../../src/ingest/extract/train/tagger";
import { paper } from "./helpers";

const ABSTRACT =
  "We propose FlashAttention, an IO-aware exact attention algorithm that uses tiling to reduce memory traffic. " +
  "FlashAttention trains Transformers faster than existing baselines on A100 GPUs, and power iteration converges in fewer steps.";

describe("tagger", () => {
  const model = shippedModel();
  const reading = read(paper("FlashAttention: Fast and Memory-Efficient Exact Attention", ABSTRACT));

  test("extraction's per-word sums give the emissions of the string features", () => {
    const marks = referenceMarks(reading, model);
    for (const s of reading.sentences) {
      const slow = emissions(model.tagger, tokenFeatures(s, marks[s.index]));
      const fast = emissionsOf(model.tagger, s, marks[s.index]);
      expect(fast.length).toBe(slow.length);
      fast.forEach((v, k) => expect(v).toBeCloseTo(slow[k]!, 9));
    }
  });

  test("Viterbi never puts I after O or first, and a marked name's margin is 0", () => {
    for (const s of reading.sentences) {
      const n = s.tokens.length;
      const e = emissionsOf(model.tagger, s, referenceMarks(reading, model)[s.index]);
      const labels = viterbi(e, model.tagger.transitions, n);
      expect(labels[0]).not.toBe(I);
      for (let t = 1; t < n; t++) if (labels[t] === I) expect(labels[t - 1]).not.toBe(O);
      const margin = spanMargins(e, model.tagger.transitions, n);
      for (let from = 0; from < n; from++) {
        for (let to = from + 1; to <= Math.min(n, from + 4); to++) {
          let exact = labels[from] === B && (to === n || labels[to] !== I);
          for (let q = from + 1; q < to; q++) exact &&= labels[q] === I;
          if (exact) expect(margin(from, to)).toBeCloseTo(0, 9);
          else expect(margin(from, to)).toBeLessThanOrEqual(1e-9);
        }
      }
    }
  });

  test("Viterbi follows emissions and transitions", () => {
    // Three tokens: the first two prefer B then I, the third O.
    const e = Float64Array.from([0, 5, 0, 0, 0, 5, 0, -5, -5]);
    expect(e.length).toBe(3 * LABELS);
    expect([...viterbi(e, new Float64Array(12), 3)]).toEqual([B, I, O]);
  });

  test("gold labels mark a name without the generic word its key ignores", () => {
    const r = read(paper("A study", "The Orca system beats vLLM."));
    const labels = goldLabels(r, new Set(["orca", "vllm"]));
    const words = r.sentences[1]!.tokens.map((t) => t.text);
    expect(words).toEqual(["The", "Orca", "system", "beats", "vLLM", "."]);
    expect([...labels[1]!]).toEqual([O, B, O, O, B, O]);
  });
});
