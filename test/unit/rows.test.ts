// Facts -> write rows: which relationship each fact becomes, and deduplication.
import { toRows, entityId } from "../../src/ingest/write/rows";
import { nameKey, type EntityKind, type EntityRef, type Fact, type FactKind, type Facts } from "../../src/domain";

const ev = { sentence: "S.", field: "abstract" as const, start: 0, end: 2, rule: "test", confidence: 0.5 };
const ent = (kind: EntityKind, name: string, aliases: string[] = []): EntityRef => ({ kind, name, key: nameKey(name), aliases });
const fact = (kind: FactKind, entity: EntityRef): Fact => ({ kind, entity, evidence: ev });

function facts(list: Fact[]): Facts {
  return {
    paper: { id: "p1", title: "T", abstract: "A", listingDate: null, source: { file: "f", line: 1 } },
    facts: list, lineage: [], extractorVersion: "t",
  };
}

test("builds_on becomes BUILDS_ON from the primary introduced entity", () => {
  const rows = toRows([{ facts: facts([fact("introduces", ent("Technique", "FlashAttention-2")), fact("builds_on", ent("Technique", "FlashAttention"))])}]);
  expect(rows.lineage).toEqual([expect.objectContaining({ from: "technique:flashattention2", to: "technique:flashattention", paper: "p1" })]);
  expect(rows.paperEdges.INTRODUCES).toHaveLength(1);
  expect(rows.paperEdges.USES).toHaveLength(0);
});

test("without an introduced entity, builds_on becomes USES {fact: builds_on}", () => {
  const rows = toRows([{ facts: facts([fact("builds_on", ent("Technique", "KV cache"))])}]);
  expect(rows.lineage).toEqual([]);
  expect(rows.paperEdges.USES).toEqual([expect.objectContaining({ entity: "technique:kvcache", fact: "builds_on" })]);
});

test.each([
  ["hardware", "Hardware", "EVALUATED_ON"],
  ["datasets", "Dataset", "USES"],
  ["models", "Model", "USES"],
  ["compares_to", "Technique", "COMPARES_TO"],
  ["introduces", "Technique", "INTRODUCES"],
] as const)("%s facts become %s edges", (kind, entityKind, edge) => {
  const rows = toRows([{ facts: facts([fact(kind, ent(entityKind, "X1"))])}]);
  expect(rows.paperEdges[edge]).toEqual([expect.objectContaining({ paper: "p1", entity: `${entityKind.toLowerCase()}:x1`, fact: kind })]);
});

test("entities are merged by id with their aliases and alias keys", () => {
  const a100 = ent("Hardware", "A100", ["A100-80GB"]);
  const rows = toRows([{ facts: facts([fact("hardware", a100), fact("hardware", ent("Hardware", "A100", ["A100 GPU"]))])}]);
  expect(rows.entities).toEqual([{ id: "hardware:a100", key: "a100", name: "A100", kind: "Hardware", aliases: ["A100-80GB", "A100 GPU"], aliasKeys: ["a10080gb", "a100gpu"], generic: false }]);
  expect(rows.paperEdges.EVALUATED_ON).toHaveLength(1);
});

test("an umbrella term of the vocabulary keeps its generic mark on the entity row", () => {
  const attention = { ...ent("Technique", "attention"), generic: true };
  const rows = toRows([{ facts: facts([fact("builds_on", attention), fact("hardware", ent("Hardware", "A100"))]) }]);
  expect(rows.entities.map((e) => [e.id, e.generic])).toEqual([["hardware:a100", false], ["technique:attention", true]]);
});

test("a compares_to claim is stored on the edge", () => {
  const f: Fact = { ...fact("compares_to", ent("Technique", "vLLM")), claim: { text: "2.3x higher throughput", value: 2.3, unit: "x", metric: "throughput", direction: "higher" } };
  const rows = toRows([{ facts: facts([f])}]);
  expect(rows.paperEdges.COMPARES_TO[0]!.props).toMatchObject({ claim: "2.3x higher throughput", claimValue: 2.3, claimDirection: "higher" });
});

test("entityId is kind-qualified", () => {
  expect(entityId(ent("Model", "GPT-4"))).toBe("model:gpt4");
});

test("a paper's mentions are every entity of its facts and lineage", () => {
  const base = facts([fact("introduces", ent("Technique", "FlashAttention-2")), fact("builds_on", ent("Technique", "FlashAttention")), fact("hardware", ent("Hardware", "A100"))]);
  const withDate: Facts = {
    ...base,
    paper: { ...base.paper, listingDate: "Mar 17" },
    lineage: [{ from: ent("Technique", "FlashAttention-2"), to: ent("Technique", "tiling"), evidence: ev }],
  };
  const rows = toRows([{ facts: withDate}]);
  expect(rows.mentions).toEqual([{ paper: "p1", entities: ["hardware:a100", "technique:flashattention", "technique:flashattention2", "technique:tiling"] }]);
  expect(toRows([{ facts: facts([])}]).mentions).toEqual([]);
});

test("two papers of one batch stating the same builds-on pair each get their edge (it is per paper)", () => {
  const one = (id: string): Facts => {
    const f = facts([fact("introduces", ent("Technique", "FlashAttention-2")), fact("builds_on", ent("Technique", "FlashAttention"))]);
    return { ...f, paper: { ...f.paper, id } };
  };
  const rows = toRows([{ facts: one("p1")}, { facts: one("p2")}]);
  expect(rows.lineage.map((l) => l.paper)).toEqual(["p1", "p2"]);
});

function paperFacts(id: string, list: Fact[], lineage: Facts["lineage"] = []): { facts: Facts } {
  return { facts: { paper: { id, title: id, abstract: "A", listingDate: null, source: { file: "f", line: 1 } }, facts: list, lineage, extractorVersion: "t" }};
}

test("every row list is sorted by the key its statement locks, whatever the input order", () => {
  const rows = toRows([
    paperFacts("p2", [fact("hardware", ent("Hardware", "TPU")), fact("datasets", ent("Dataset", "MMLU"))]),
    paperFacts("p1", [fact("hardware", ent("Hardware", "A100")), fact("hardware", ent("Hardware", "TPU"))]),
  ]);
  expect(rows.papers).toEqual(["p1", "p2"]);
  expect(rows.entities.map((e) => e.id)).toEqual(["dataset:mmlu", "hardware:a100", "hardware:tpu"]);
  // Edges by entity first: each statement then locks the (possibly shared) entities in id order.
  expect(rows.paperEdges.EVALUATED_ON.map((r) => `${r.entity} ${r.paper}`)).toEqual(["hardware:a100 p1", "hardware:tpu p1", "hardware:tpu p2"]);
});

test("lineage edges are per paper: a batch does not drop a later paper's edge on the same pair", () => {
  const l = { from: ent("Technique", "PagedAttention"), to: ent("Technique", "KV cache"), evidence: ev };
  const rows = toRows([paperFacts("p1", [], [l]), paperFacts("p2", [], [l])]);
  expect(rows.lineage.map((r) => `${r.from}>${r.to} ${r.paper}`)).toEqual([
    "technique:pagedattention>technique:kvcache p1",
    "technique:pagedattention>technique:kvcache p2",
  ]);
});

test("an entity's display name is the least of its spellings, not the first one seen", () => {
  const rows = toRows([
    paperFacts("p1", [fact("compares_to", ent("Technique", "QuIP#"))]),
    paperFacts("p2", [fact("compares_to", ent("Technique", "QuIP"))]),
  ]);
  expect(rows.entities).toEqual([expect.objectContaining({ id: "technique:quip", name: "QuIP" })]);
});

test("every spelling of an entity in a batch is kept: the least is its name, the others its aliases", () => {
  const rows = toRows([
    paperFacts("p1", [fact("models", ent("Model", "Llama2-7B"))]),
    paperFacts("p2", [fact("models", ent("Model", "LLaMA2-7B", ["LLaMA2 7B model"]))]),
    paperFacts("p3", [fact("models", ent("Model", "LLaMA2 7B"))]),
    paperFacts("p4", [fact("models", ent("Model", "Llama2-7B"))]),
  ]);
  expect(rows.entities).toEqual([expect.objectContaining({ id: "model:llama27b", name: "LLaMA2 7B" })]);
  expect([...rows.entities[0]!.aliases].sort()).toEqual(["LLaMA2 7B model", "LLaMA2-7B", "Llama2-7B"]);
});
