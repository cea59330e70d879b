// Every query of examples/queries.graphql (and so every README query) runs against the seed
// graph through Apollo without errors and with data. Mutations are covered by api.test.ts.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, print, type OperationDefinitionNode } from "graphql";
import { createApollo } from "../../src/api/server";
import { createContext } from "../../src/api/context";
import { readConfig } from "../../src/config";
import type { Db } from "../../src/graph/db";
import { freshSeedGraph, testDb } from "../helpers/neo4j";
import { recomputeTopics } from "../../src/topics/recompute";

const doc = parse(fs.readFileSync(path.join(__dirname, "..", "..", "examples", "queries.graphql"), "utf8"));
const queries = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === "OperationDefinition" && d.operation === "query");

let db: Db;
const config = readConfig({ NODE_ENV: "test" });
const apollo = createApollo(config);

beforeAll(async () => {
  db = testDb();
  await apollo.start();
  await freshSeedGraph(db);
  await recomputeTopics(db);
});

afterAll(async () => {
  await apollo.stop();
  await db.close();
});

const expectedNotFound = new Set(["DidYouMean"]);
// The seed graph has had no corrections.
const expectedEmpty = new Set(["Curations"]);

test.each(queries.map((q) => [q.name!.value, q]))("%s", async (name, op) => {
  const res = await apollo.executeOperation({ query: print(op), variables: {} }, { contextValue: createContext(db, config) });
  if (res.body.kind !== "single") throw new Error("unexpected incremental response");
  const { data, errors } = res.body.singleResult;
  if (expectedNotFound.has(name)) {
    expect(errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    return;
  }
  expect(errors).toBeUndefined();
  if (expectedEmpty.has(name)) {
    expect(Object.values(data ?? {}).some(hasContent)).toBe(false);
    return;
  }
  // Every top-level field answers something: a connection with no edges and a total of 0 is nothing.
  for (const [field, value] of Object.entries(data ?? {})) expect({ field, answered: hasContent(value) }).toEqual({ field, answered: true });
});

function hasContent(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.some(hasContent);
  if (typeof v === "object") return Object.values(v).some(hasContent);
  return true;
}

// What the README and docs/api.md say beside their examples is true on the seed graph. Each claim
// first checks that the text still makes it, so a claim and its check change together.
describe("the claims beside the README's and docs/api.md's examples hold on the seed", () => {
  const root = path.join(__dirname, "..", "..");
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8").replace(/\s+/g, " ");
  const apiDoc = fs.readFileSync(path.join(root, "docs", "api.md"), "utf8").replace(/\s+/g, " ");
  // A short failure message (the text and whether the doc says it), not the whole document.
  const says = (doc: string, text: string) => expect({ text, said: doc.includes(text) }).toEqual({ text, said: true });
  const ask = async (query: string) => {
    const res = await apollo.executeOperation({ query }, { contextValue: createContext(db, config) });
    if (res.body.kind !== "single") throw new Error("unexpected incremental response");
    return res.body.singleResult as { data?: Record<string, any> | null; errors?: readonly { extensions?: Record<string, unknown> }[] };
  };

  test('"a100", "A100-80GB", "NVIDIA A100-40G" and the plural "A100s" all find A100; a plural of a technique finds the technique', async () => {
    says(readme, '# which papers ran on A100s? ("a100", "A100-80GB", "NVIDIA A100-40G" all find A100)');
    says(readme, 'A plural whose own spelling names nothing names what its singular names (`hardware(name: "A100s")`, `filter: { hardware: "A100s" }` and `technique(name: "KV caches")` find A100 and KV cache;');
    const r = await ask(`{ a: hardware(name: "a100") { name } b: hardware(name: "A100-80GB") { name } c: hardware(name: "A100s") { name } g: hardware(name: "NVIDIA A100-40G") { name }
      d: technique(name: "KV caches") { name } e: papersConnection(filter: { hardware: "A100s" }) { totalCount } f: papersConnection(filter: { hardware: "A100" }) { totalCount } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ a: { name: "A100" }, b: { name: "A100" }, c: { name: "A100" }, d: { name: "KV cache" }, e: r.data!.f, f: { totalCount: 3 }, g: { name: "A100" } });
  });

  test("unknown names suggest the right one: flashatention, A100z (as a filter), A100 asked as a technique", async () => {
    says(readme, '(`technique(name: "flashatention")` suggests FlashAttention)');
    says(readme, '(`filter: { hardware: "A100z" }` suggests A100)');
    says(apiDoc, '`technique(name: "A100")` suggests the hardware A100');
    for (const [q, first, argument] of [[`{ technique(name: "flashatention") { name } }`, "FlashAttention", "name"],
      [`{ papersConnection(filter: { hardware: "A100z" }) { totalCount } }`, "A100", "filter.hardware"], [`{ technique(name: "A100") { name } }`, "A100", "name"]] as const) {
      const e = (await ask(q)).errors?.[0]?.extensions;
      expect({ q, code: e?.code, first: (e?.suggestions as string[])[0], argument: e?.argument }).toEqual({ q, code: "NOT_FOUND", first, argument });
    }
  });

  test("Llama 2 counts its three sizes: 5 papers, 2 of which name Llama 2 itself; GPT-4 5 either way", async () => {
    says(readme, "`Entity.variants` lists them (Llama 2: LLaMA2-13B, Llama 2-70B, Llama-2 7B)");
    says(readme, "on the seed, Llama 2 has 5 papers, 2 of which name Llama 2 itself");
    says(apiDoc, "GPT-4 5 either way");
    const r = await ask(`{ model(name: "Llama 2") { variants { name } all: papersConnection { totalCount } own: papersConnection(includeVariants: false) { totalCount } }
      gpt: model(name: "GPT-4") { all: papersConnection { totalCount } own: papersConnection(includeVariants: false) { totalCount } } }`);
    expect(r.data).toEqual({
      model: { variants: [{ name: "LLaMA2-13B" }, { name: "Llama 2-70B" }, { name: "Llama-2 7B" }], all: { totalCount: 5 }, own: { totalCount: 2 } },
      gpt: { all: { totalCount: 5 }, own: { totalCount: 5 } },
    });
  });

  test("GEB-1.3B descends from FlashAttention through FlashAttention-2; vLLM's comparison claims 2.3x higher throughput", async () => {
    const r = await ask(`{ lineagePath(from: "GEB-1.3B", to: "FlashAttention") { direction hops { from { name } to { name } } }
      technique(name: "vLLM") { comparedIn { claim figure { value unit direction metric } } } }`);
    expect(r.data!.lineagePath).toEqual({ direction: "FORWARD", hops: [{ from: { name: "GEB-1.3B" }, to: { name: "FlashAttention-2" } }, { from: { name: "FlashAttention-2" }, to: { name: "FlashAttention" } }] });
    says(readme, '"up to 2.3x higher effective throughput" is 2.3, x, HIGHER');
    expect(r.data!.technique.comparedIn).toContainEqual({ claim: "up to 2.3x higher effective throughput", figure: { value: 2.3, unit: "x", direction: "HIGHER", metric: "throughput" } });
  });

  test("the trending top five and the topic table are what the seed gives", async () => {
    const top = /On the seed \(a single listing day, so no history\) the top five are ([^(]+?) \(extractor/.exec(readme)![1]!;
    const r = await ask(`{ trending(window: WEEK, first: 5) { entity { name } } topics(first: 200) { name size } }`);
    expect(r.data!.trending.map((t: { entity: { name: string } }) => t.entity.name).join(", ").replace(/, (?=[^,]+$)/, " and ")).toBe(top);
    const table = fs.readFileSync(path.join(root, "README.md"), "utf8").split("\n")
      .filter((l) => /^\| \d+ \| [^|]+ \| [^|]+ \|$/.test(l)).map((l) => l.split("|").map((c) => c.trim()));
    expect(r.data!.topics.map((t: { name: string; size: number }) => `${t.size} ${t.name}`)).toEqual(table.map((c) => `${c[1]} ${c[2]}`));
  });

  // Last: it changes the graph. The README's corrections that name real ids (the rest elide theirs
  // with "…") are accepted on the seed, as a user who types them gets them.
  test("the README's corrections with real ids apply to the seed", async () => {
    const full = fs.readFileSync(path.join(root, "README.md"), "utf8");
    const typed = full.split("\n").filter((l) => l.startsWith("mutation { ") && !l.includes("…"));
    expect(typed.map((l) => /mutation \{ (\w+)/.exec(l)![1])).toEqual(["mergeEntities", "splitAlias", "renameEntity", "setEntityKind"]);
    const reject = /rejectFact\(factId:\s+"(p_[0-9a-f]+\|compares_to\|technique:vllm)", reason: "([^"]+)"\)/.exec(readme)!;
    typed.unshift(`mutation { rejectFact(factId: "${reject[1]}", reason: "${reject[2]}") { id who } }`);
    const curator = readConfig({ NODE_ENV: "test", TECHTREE_API_KEY: "readme-key", TECHTREE_API_KEY_NAME: "alice" });
    for (const m of typed) {
      const res = await apollo.executeOperation({ query: m }, { contextValue: createContext(db, curator, "readme-key") });
      if (res.body.kind !== "single") throw new Error("unexpected incremental response");
      expect({ m, errors: res.body.singleResult.errors }).toEqual({ m, errors: undefined });
    }
  });
});
