// VARIANT_OF (src/derived/variants.ts): sizes are variants of their model, versions are not.
import { nameKey } from "../../src/domain";
import { variantBase, variantPairs, type EntityName } from "../../src/derived/variants";

const e = (kind: string, name: string): EntityName => ({ id: `${kind.toLowerCase()}:${nameKey(name)}`, key: nameKey(name), name, kind, aliases: [] });

test("a size token ends a variant's name; a version does not", () => {
  expect(variantBase("Llama-2-7B")).toBe("Llama 2");
  expect(variantBase("Mixtral 8x7B")).toBe("Mixtral");
  expect(variantBase("GEB-1.3B")).toBe("GEB");
  expect(variantBase("A100-80GB")).toBe("A100");
  expect(variantBase("FlashAttention-2")).toBeNull();
  expect(variantBase("GPT-4")).toBeNull();
  expect(variantBase("7B")).toBeNull();
});

test("a variant links to the base of its kind whatever its spelling; no base, no edge", () => {
  const entities = [e("Model", "LLaMA-2"), e("Model", "Llama-2-7B"), e("Model", "Llama 2 70B"), e("Technique", "Mixtral-8x7B"), e("Model", "Qwen-7B")];
  expect(variantPairs(entities)).toEqual([
    { variant: "model:llama270b", base: "model:llama2" },
    { variant: "model:llama27b", base: "model:llama2" },
  ]);
  expect(variantPairs([...entities].reverse())).toEqual(variantPairs(entities));
});
