// Tables of [sentence, expected] for the rules added in extractor 1.2 (docs/extraction.md).
import { descriptivePhrase } from "../../../src/ingest/extract/analyze";
import { findKnown } from "../../../src/ingest/extract/vocabulary";
import { record } from "./helpers";

describe("introduces: descriptive phrases, acronyms, subjects, naming", () => {
  const cases: Array<[string, string]> = [
    ["We further introduce a bandwidth-aware placement algorithm that minimizes transfer time.", "bandwidth-aware placement algorithm"],
    ["We propose learned outlier rotation (LOR), a post-training method.", "learned outlier rotation"],
    ["In this paper, we propose SDIM (Sampling-based Deep Interest Modeling), a simple approach.", "SDIM"],
    ["To address this, we propose Flover -- a temporal fusion framework for inference.", "temporal fusion framework"],
    ["We introduce a novel method called KV Prediction.", "KV Prediction"],
    ["SmartSpec is based on a new metric called goodput, which reflects throughput.", "goodput"],
    ["We also introduce and benchmark SMAX, a simplified version of the challenge.", "SMAX"],
    ["To facilitate retrieval, we developed MiniGPT4-Video that generates descriptions.", "MiniGPT4-Video"],
  ];
  test.each(cases)("%s -> %s", (sentence, expected) => {
    expect(record("A study of systems", sentence).introduces).toContain(expected);
  });

  test("the paper's own name as subject: 'X introduces Y'", () => {
    const r = record("NPUDecode: Fast Mobile Inference", "NPUDecode introduces chunk-level pipelining between the NPU and CPU.");
    expect(r.introduces).toEqual(expect.arrayContaining(["NPUDecode", "chunk-level pipelining"]));
  });

  const phrases: Array<[string, string | null]> = [
    ["a novel staleness gap penalty that bounds updates", "staleness gap penalty"],
    ["a serving system that splits prefills", null],
    ["an end-to-end solver for poker", null],
    ["a post-training quantization (PTQ) method", null],
    ["a sequence parallelism scheme that combines kernels", null],
    ["a dynamic KV cut-off mechanism guided by density", "dynamic KV cut-off mechanism"],
    ["a fine-tuning dataset consisting of dialogues", null],
  ];
  test.each(phrases)("descriptivePhrase(%s) = %s", (text, expected) => {
    expect(descriptivePhrase(text)).toBe(expected);
  });
});

describe("compares_to: compound names, leading phrases, compare ... with", () => {
  const cases: Array<[string, string[], string[]]> = [
    ["OverlapShard improves throughput by 1.35x over PyTorch FSDP and by 1.2x over DeepSpeed ZeRO-3.", ["PyTorch FSDP", "DeepSpeed ZeRO-3"], ["PyTorch", "ZeRO"]],
    ["Compared with HuggingFace PEFT and Punica, LoRAServe improves throughput with Llama-7B and Llama-13B.", ["HuggingFace PEFT", "Punica"], ["Llama-7B", "Llama-13B"]],
    ["We compare DiLoCo, which uses Nesterov momentum, with federated averaging.", ["DiLoCo", "federated averaging"], []],
    ["It is 20% faster than Intel OpenVINO.", ["OpenVINO"], ["Intel OpenVINO"]],
  ];
  test.each(cases)("%s", (sentence, yes, no) => {
    const r = record("LoRAServe: A study", sentence);
    for (const y of yes) expect(r.compares_to).toContain(y);
    for (const n of no) expect(r.compares_to).not.toContain(n);
  });
});

describe("models: sized variants are their own entities", () => {
  const cases: Array<[string, string[]]> = [
    ["With Vicuna-7B, Vicuna-13B and LLaMA-2-Chat-70B on MT-Bench.", ["Vicuna-7B", "Vicuna-13B", "LLaMA-2-Chat-70B"]],
    ["On Llama-3-8B-Instruct and Mistral-7B-Instruct we see gains.", ["Llama-3-8B-Instruct", "Mistral-7B-Instruct"]],
    ["It is faster than MobileNetV3-Large and outperforms MobileOne-S2 and FastViT-T8.", ["MobileNetV3-Large", "MobileOne-S2", "FastViT-T8"]],
  ];
  test.each(cases)("%s", (sentence, expected) => {
    const r = record("A study", sentence);
    for (const e of expected) expect(r.models).toContain(e);
  });

  test.each([
    ["ZeRO-3 shards optimizer states", "ZeRO"],
    ["measured on QuALITY", "QuALITY"],
  ])("vocabulary edge: %s", (text, name) => {
    const hit = findKnown(text).find((k) => k.entry.name === name);
    if (name === "ZeRO") expect(hit).toBeUndefined();
    else expect(hit).toBeDefined();
  });

  test("'quality' in lower case is not the QuALITY benchmark", () => {
    expect(findKnown("high quality answers").some((k) => k.entry.name === "QuALITY")).toBe(false);
  });
});
