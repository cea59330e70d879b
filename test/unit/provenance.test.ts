// Paper identity and per-source provenance (src/ingest/write/papers.ts, sources.ts), without a
// database: which node a record is, which text a paper shows, and that no source erases another.
import type { Facts, Paper } from "../../src/domain";
import { normaliseArxivId, normaliseDoi, paperIds, textHash } from "../../src/domain";
import { metadataRows, planPapers, type StoredPaper } from "../../src/ingest/write/papers";
import { bestSource, encodeRecords, listingDateOf, recordOf } from "../../src/ingest/write/sources";

const V = "test-1";
const page: Paper = {
  id: "p_awq", title: "AWQ: Activation-aware Weight Quantization", abstract: "We propose AWQ.", listingDate: "Mar 17",
  source: { file: "seeds/day.txt", line: 3 }, origin: { kind: "page", id: "day.txt" },
};
const s2: Paper = {
  ...page, abstract: "We propose AWQ, a weight quantization method that outperforms GPTQ.", listingDate: "2023-06-01",
  source: { file: "s2.json", line: 5 }, origin: { kind: "s2", id: "abc" }, ids: { s2: "abc", arxiv: "2306.00978" },
  authors: ["Ji Lin", "Song Han"], references: [{ id: "p_gptq", title: "GPTQ" }], venue: "MLSys",
};
const openalex: Paper = {
  ...page, abstract: "We propose AWQ, a weight quantization method", listingDate: "2023-06-02", source: { file: "oa.jsonl", line: 1 },
  origin: { kind: "openalex", id: "W1" }, ids: { openalex: "W1", doi: "10.48550/arxiv.2306.00978", arxiv: "2306.00978" },
  authors: ["Ji Lin", "Song Han", "Chuang Gan"], references: [{ id: "x_sq", ids: { openalex: "W9" } }],
};
const facts = (paper: Paper): Facts => ({ paper, facts: [], lineage: [], extractorVersion: V });

/** What the graph holds after writing `planned` (the node's stored state as find-papers returns it). */
function stored(papers: Paper[]): StoredPaper {
  const [p] = planPapers(papers.map(facts), new Map(), V);
  const row = metadataRows([p!], V).papers[0]!;
  return { id: row.id, stub: false, abstract: row.abstract, textHash: row.textHash, extractorVersion: V, sourceRecords: row.sourceRecords, derivedPending: false };
}

test("identifiers are normalised, and an arXiv DOI names the arXiv id", () => {
  expect(normaliseArxivId("arXiv:2307.08691v2")).toBe("2307.08691");
  expect(normaliseArxivId("https://arxiv.org/abs/2307.08691")).toBe("2307.08691");
  expect(normaliseArxivId("hep-th/9901001v1")).toBe("hep-th/9901001");
  expect(normaliseDoi("https://doi.org/10.48550/arXiv.2306.00978")).toBe("10.48550/arxiv.2306.00978");
  expect(paperIds({ doi: "https://doi.org/10.48550/arXiv.2306.00978", openalex: "w1" })).toEqual({ arxiv: "2306.00978", doi: "10.48550/arxiv.2306.00978", openalex: "W1" });
});

test("the text a paper shows is the longest complete abstract, whatever order the sources came in", () => {
  const records = [page, s2, openalex].map(recordOf);
  expect(bestSource(records).key).toBe("s2:abc"); // openalex's is longer-looking but unfinished; s2's ends a sentence
  expect(bestSource([...records].reverse()).key).toBe("s2:abc");
  expect(listingDateOf(records)).toBe("2023-06-01"); // the earliest full date beats the page label
  expect(listingDateOf([recordOf(page)])).toBe("Mar 17");
});

test("a source read again replaces only what it said; the others' authors and references stay", () => {
  const before = stored([s2, openalex]);
  const pageOnly = new Map([[0, [before]]]);
  const [p] = planPapers([facts(page)], pageOnly, V);
  expect(p!.id).toBe("p_awq");
  expect(p!.records.map((r) => r.key).sort()).toEqual(["openalex:W1", "page:day.txt", "s2:abc"]);
  expect(p!.facts).toBeNull(); // the text did not change, so the facts stay
  const meta = metadataRows([p!], V);
  expect([...meta.authors].sort((a, b) => a.position - b.position).map((a) => [a.name, a.sources])).toEqual([
    ["Ji Lin", ["openalex:W1", "s2:abc"]], ["Song Han", ["openalex:W1", "s2:abc"]], ["Chuang Gan", ["openalex:W1"]],
  ]);
  expect(meta.cites.map((c) => [c.id, c.sources])).toEqual([["p_gptq", ["s2:abc"]], ["x_sq", ["openalex:W1"]]]);
  expect(meta.papers[0]).toMatchObject({ arxivId: "2306.00978", doi: "10.48550/arxiv.2306.00978", s2Id: "abc", openalexId: "W1", venue: "MLSys" });
});

test("the same sources in any order give the same stored paper", () => {
  const orders = [[page, s2, openalex], [openalex, page, s2], [s2, openalex, page]];
  const results = orders.map((order) => {
    let node = null as StoredPaper | null;
    for (const paper of order) {
      const [p] = planPapers([facts(paper)], new Map(node ? [[0, [node]]] : []), V);
      const row = metadataRows([p!], V).papers[0]!;
      node = { id: row.id, stub: false, abstract: row.abstract, textHash: row.textHash ?? node?.textHash ?? null, extractorVersion: V, sourceRecords: row.sourceRecords, derivedPending: false };
    }
    return node;
  });
  expect(results[1]).toEqual(results[0]);
  expect(results[2]).toEqual(results[0]);
  expect(results[0]!.textHash).toBe(textHash(s2.title, s2.abstract));
});

test("a record that names a stub by its identifier absorbs it; a changed best text from a stored source is re-extracted", () => {
  const stub: StoredPaper = { id: "x_awq", stub: true, abstract: null, textHash: null, extractorVersion: null, sourceRecords: null, derivedPending: false };
  const [p] = planPapers([facts(openalex)], new Map([[0, [stub]]]), V);
  expect(p).toMatchObject({ id: "p_awq", absorbed: ["x_awq"], existed: false });
  // Stored: the s2 source shows its text, by an older extractor. Re-reading the page alone re-extracts s2's text.
  const old = { ...stored([s2]), extractorVersion: "test-0" };
  const [q] = planPapers([facts(page)], new Map([[0, [old]]]), V);
  expect(q!.facts).toBeNull();
  expect(q!.reextract).toMatchObject({ id: "p_awq", abstract: s2.abstract, origin: { kind: "s2", id: "abc" } });
  expect(encodeRecords(q!.records, "s2:abc").every((j) => !j.includes(s2.abstract))).toBe(true);
});

test("a page stored under its base name by an older techtree is the page read again: unchanged it is left as it is, changed it is replaced", () => {
  const before = stored([page]); // "page:day.txt", as pages were named before
  const again = { ...page, origin: { kind: "page" as const, id: "/in/a/day.txt" } };
  const [same] = planPapers([facts(again)], new Map([[0, [before]]]), V);
  expect(same!.unchanged).toBe(true);
  const [changed] = planPapers([facts({ ...again, abstract: "We propose AWQ, a quantization method." })], new Map([[0, [before]]]), V);
  expect(changed!.unchanged).toBe(false);
  expect(changed!.records.map((r) => r.key)).toEqual(["page:/in/a/day.txt"]);
});

test("two pages of the same file name in different folders are two sources", () => {
  const a = { ...page, origin: { kind: "page" as const, id: "/in/a/day.txt" } };
  const b = { ...page, abstract: "We propose AWQ, a quantization method.", origin: { kind: "page" as const, id: "/in/b/day.txt" } };
  const [p] = planPapers([facts(b)], new Map([[0, [stored([a])]]]), V);
  expect(p!.records.map((r) => r.key).sort()).toEqual(["page:/in/a/day.txt", "page:/in/b/day.txt"]);
  expect(p!.unchanged).toBe(false);
});
