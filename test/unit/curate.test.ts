// Corrections applied to a batch's fact rows (src/ingest/write/curate.ts), without a database:
// rejected facts dropped in either builds-on form, merges and kind changes redirected, split
// aliases moved by their mention, confirmed and added facts written whatever extraction found.
import type { EntityRef, Evidence, Fact, Facts } from "../../src/domain";
import { factIdOf, parseFactId } from "../../src/domain";
import { applyCurations, type ActiveCuration, type StoredFact } from "../../src/ingest/write/curate";
import { toRows } from "../../src/ingest/write/rows";

const ev: Evidence = { sentence: "S.", field: "abstract", start: 0, end: 2, rule: "r", confidence: 0.5 };
const ent = (kind: EntityRef["kind"], name: string, aliases: string[] = []): EntityRef => ({ kind, name, key: name.toLowerCase().replace(/[^a-z0-9]/g, ""), aliases });
const fact = (kind: Fact["kind"], entity: EntityRef, mention?: string): Fact => ({ kind, entity, evidence: ev, ...(mention ? { mention } : {}) });
const facts = (list: Fact[], id = "p_0000000000000001"): Facts => ({
  paper: { id, title: "T", abstract: "S.", listingDate: null, source: { file: "f", line: 1 } }, facts: list, lineage: [], extractorVersion: "t",
});
const P = "p_0000000000000001";
let n = 0;
const cur = (c: Omit<ActiveCuration, "id">): ActiveCuration => ({ id: `c_${n++}`, ...c });
const target = (id: string, name: string) => JSON.stringify({ id, key: id.slice(id.indexOf(":") + 1), name, kind: id.startsWith("model") ? "Model" : "Technique" });

test("fact ids name paper, kind and entity, and parse back", () => {
  expect(factIdOf({ paper: P, fact: "compares_to", entity: "technique:vllm" })).toBe(`${P}|compares_to|technique:vllm`);
  expect(parseFactId(`${P}|BUILDS_ON|technique:a|technique:b`)).toEqual({ paper: P, from: "technique:a", to: "technique:b" });
  expect(parseFactId(`${P}|nonsense|technique:a`)).toBeNull();
  expect(parseFactId("p_x|compares_to|technique:a")).toBeNull();
});

test("a rejected fact is dropped, in its USES form and in its contribution's BUILDS_ON form", () => {
  const vllm = ent("Technique", "vLLM");
  const rows = toRows([{ facts: facts([fact("compares_to", vllm), fact("builds_on", ent("Technique", "KV cache"))]) }]);
  const stored: StoredFact = { edge: { type: "USES", ...rows.paperEdges.USES[0]! }, entities: [] };
  const rejected = [
    cur({ action: "reject", paper: P, factId: `${P}|compares_to|technique:vllm` }),
    cur({ action: "reject", paper: P, factId: stored.edge.props.factId as string, fact: JSON.stringify(stored) }),
  ];
  const out = applyCurations(rows, rejected);
  expect(out.paperEdges.COMPARES_TO).toEqual([]);
  expect(out.paperEdges.USES).toEqual([]);
  expect(out.mentions).toEqual([]);
  // The same builds-on fact written as the contribution's lineage (the paper now introduces something) stays rejected.
  const withContribution = toRows([{ facts: facts([fact("introduces", ent("Technique", "PagedAttention")), fact("builds_on", ent("Technique", "KV cache"))]) }]);
  expect(withContribution.lineage).toHaveLength(1);
  expect(applyCurations(withContribution, rejected).lineage).toEqual([]);
});

test("a merge and a kind change redirect facts and lineage, lending names as aliases", () => {
  const rows = toRows([{ facts: { ...facts([fact("introduces", ent("Technique", "LLaMA-2")), fact("models", ent("Model", "GPT 4"))]),
    lineage: [{ from: ent("Technique", "LLaMA-2"), to: ent("Technique", "Transformer"), evidence: ev }] } }]);
  const out = applyCurations(rows, [
    cur({ action: "merge", from: "technique:llama2", into: "technique:llama", intoEntity: target("technique:llama", "Llama") }),
    cur({ action: "kind", from: "model:gpt4", into: "technique:gpt4", intoEntity: target("technique:gpt4", "GPT 4") }),
  ]);
  expect(out.paperEdges.INTRODUCES.map((e) => [e.entity, e.props.factId, e.props.curatedFrom])).toEqual([["technique:llama", `${P}|introduces|technique:llama`, "technique:llama2"]]);
  expect(out.paperEdges.USES.map((e) => e.entity)).toEqual(["technique:gpt4"]);
  expect(out.lineage.map((l) => [l.from, l.to, l.props.curatedFrom])).toEqual([["technique:llama", "technique:transformer", "technique:llama2"]]);
  expect(out.entities.find((e) => e.id === "technique:llama")).toMatchObject({ name: "Llama", aliases: ["LLaMA-2"], aliasKeys: ["llama2"] });
  expect(out.entities.map((e) => e.id)).not.toContain("technique:llama2");
  expect(out.mentions[0]!.entities).toEqual(["technique:gpt4", "technique:llama", "technique:transformer"]);
});

test("a split alias takes the facts whose mention is that alias, and leaves the entity's aliases", () => {
  const llama = ent("Model", "Llama 2", ["Llama-2-7B", "LLaMA2"]);
  const rows = toRows([
    { facts: facts([fact("models", llama, "Llama-2-7B")], "p_0000000000000001") },
    { facts: facts([fact("models", llama, "LLaMA2")], "p_0000000000000002") },
  ]);
  const out = applyCurations(rows, [cur({ action: "split", entity: "model:llama2", aliasKey: "llama27b", into: "model:llama27b", intoEntity: target("model:llama27b", "Llama-2-7B") })]);
  expect(out.paperEdges.USES.map((e) => `${e.paper} ${e.entity}`)).toEqual(["p_0000000000000002 model:llama2", "p_0000000000000001 model:llama27b"]);
  expect(out.entities.find((e) => e.id === "model:llama2")!.aliases).toEqual(["LLaMA2"]);
});

test("confirmed and added facts are written even when extraction no longer finds them; nothing else changes", () => {
  const original = toRows([{ facts: facts([fact("hardware", ent("Hardware", "A100"))]) }]);
  const stored: StoredFact = { edge: { type: "EVALUATED_ON", ...original.paperEdges.EVALUATED_ON[0]! }, entities: original.entities };
  const added = toRows([{ facts: facts([fact("compares_to", ent("Technique", "Orca"))]) }]);
  const addedFact: StoredFact = { edge: { type: "COMPARES_TO", ...added.paperEdges.COMPARES_TO[0]! }, entities: added.entities };
  const now = toRows([{ facts: facts([fact("datasets", ent("Dataset", "MMLU"))]) }]);
  const out = applyCurations(now, [
    cur({ action: "confirm", paper: P, factId: String(stored.edge.props.factId), fact: JSON.stringify(stored) }),
    cur({ action: "add", paper: P, factId: String(addedFact.edge.props.factId), fact: JSON.stringify(addedFact) }),
  ]);
  expect(out.paperEdges.EVALUATED_ON.map((e) => [e.entity, e.props.confirmed])).toEqual([["hardware:a100", true]]);
  expect(out.paperEdges.COMPARES_TO.map((e) => [e.entity, e.props.confirmed])).toEqual([["technique:orca", true]]);
  expect(out.paperEdges.USES.map((e) => [e.entity, e.props.confirmed])).toEqual([["dataset:mmlu", undefined]]);
  expect(out.entities.map((e) => e.id)).toEqual(["dataset:mmlu", "hardware:a100", "technique:orca"]);
  expect(applyCurations(now, [])).toBe(now);
});
