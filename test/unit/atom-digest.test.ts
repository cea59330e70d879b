// Feeds and digests from a changes record, no database: valid Atom (read back by the npm feed
// parser), one entry per paper newest first, text escaped; the digest grouped by followed entity.
import type { FactChange, FollowedChanges, Changes, ChangedEntity, ChangedPaper } from "../../src/follow/changes";
import { atomFeed, feedEntries, feedSubtitle } from "../../src/follow/atom";
import { digestJson, digestMarkdown } from "../../src/follow/digest";
import { atomProblems, parseAtom } from "../helpers/atom";

const entity = (name: string, kind: ChangedEntity["kind"] = "Technique"): ChangedEntity => ({ id: `${kind.toLowerCase()}:${name.toLowerCase()}`, name, kind, key: name.toLowerCase(), aliases: [] });
const paper = (id: string, title: string, addedAt: string): ChangedPaper => ({ id, title, listingDate: "Mar 24", addedAt });
const fact = (kind: FactChange["kind"], p: ChangedPaper, target: ChangedEntity, sentence: string, extra: Partial<FactChange> = {}, claim?: string): FactChange =>
  ({ kind, paper: p, source: null, target, evidence: { paper: p.id, sentence, rule: "r", confidence: 0.9, claim: claim ?? null }, ...extra });

const vllm = entity("vLLM");
const fa = entity("FlashAttention");
const a100 = entity("A100", "Hardware");
const older = paper("p_old", "Older <Serving> & Co", "2026-12-01T10:00:00.000Z");
const newer = paper("p_new", 'Newer: "Kernels" for FlashAttention', "2026-12-05T10:00:00.000Z");

const followed: FollowedChanges[] = [
  { name: "vLLM", entity: vllm, variants: [], suggestions: [], papers: 1, correctionCount: 0, corrections: [], facts: [
    fact("compares_to", older, vllm, "It beats vLLM by 2x on A100 < H100 & more.", {}, "2x higher throughput"),
    fact("hardware", older, a100, "It runs on A100."),
  ] },
  { name: "FlashAttention", entity: fa, variants: [], suggestions: [], papers: 1, correctionCount: 0, corrections: [], facts: [
    fact("builds_on", newer, fa, "FlexKern builds on FlashAttention.", { source: entity("FlexKern") }),
  ] },
  { name: "flashatention-9", entity: null, variants: [], suggestions: ["FlashAttention"], papers: 0, facts: [], correctionCount: 0, corrections: [] },
];

test("one entry per paper, newest first, valid Atom that the feed parser reads back", async () => {
  const entries = feedEntries(followed);
  expect(entries.map((e) => (e.type === "paper" ? e.paperId : e.correction.curation.id))).toEqual(["p_new", "p_old"]);
  const xml = atomFeed(entries, {
    base: "http://127.0.0.1:4000", self: "http://127.0.0.1:4000/feed?follow=vLLM,FlashAttention", id: "urn:techtree:feed:follow:x",
    title: "techtree: vLLM & FlashAttention", subtitle: "s", alternate: "http://127.0.0.1:4000/explore?entity=vLLM", now: "2026-12-05T12:00:00.000Z",
  });
  const feed = await parseAtom(xml);
  expect(atomProblems(feed, xml)).toEqual([]);
  expect(feed.meta.title).toBe("techtree: vLLM & FlashAttention");
  expect(feed.items.map((i) => i.title)).toEqual(['Newer: "Kernels" for FlashAttention', "Older <Serving> & Co"]);
  expect(feed.items.map((i) => i.guid)).toEqual(["urn:techtree:paper:p_new", "urn:techtree:paper:p_old"]);
  expect(feed.items[1]!.link).toBe("http://127.0.0.1:4000/explore?entity=vLLM&select=p_old");
  // The content is HTML: the claim, the sentence (escaped once for HTML), the hardware in one line.
  expect(feed.items[1]!.description).toContain("The paper compares to vLLM (2x higher throughput)");
  expect(feed.items[1]!.description).toContain("It beats vLLM by 2x on A100 &lt; H100 &amp; more.");
  expect(feed.items[1]!.description).toContain("Runs on A100.");
  expect(feed.items[0]!.description).toContain("FlexKern builds on FlashAttention");
});

test("a feed's subtitle says a followed model's sizes count as it and that ?includeVariants=false leaves them out, or that they are left out", async () => {
  // The feeds followed sizes since 2026-12-07 without saying so: a reader could not tell, nor how to stop it.
  const one = feedSubtitle({ entity: { name: "Llama 2", kind: "Model" }, includeVariants: true });
  expect(one).toBe("New papers that introduce, build on, compare to, use or run on Llama 2 (model), and corrections to its facts, newest first. " +
    "A model's or chip's sizes count as it (a paper on Llama-2-7B is news for Llama 2); ?includeVariants=false leaves them out.");
  expect(feedSubtitle({ entity: { name: "Llama 2", kind: "Model" }, includeVariants: false })).toBe(
    "New papers that introduce, build on, compare to, use or run on Llama 2 (model), and corrections to its facts, newest first. " +
    "Sizes are left out (includeVariants=false): a paper on Llama-2-7B is no news for Llama 2.");
  const several = feedSubtitle({ known: ["Llama 2", "vLLM"], unknown: ["Foo-9"], includeVariants: true });
  expect(several).toBe("New papers about Llama 2, vLLM, and corrections to their facts, newest first; not in the graph yet: Foo-9. " +
    "A model's or chip's sizes count as it (a paper on Llama-2-7B is news for Llama 2); ?includeVariants=false leaves them out.");
  expect(feedSubtitle({ known: [], unknown: ["Foo-9"], includeVariants: false })).toBe(
    "New papers about nothing in the graph yet, and corrections to their facts, newest first; not in the graph yet: Foo-9. " +
    "Sizes are left out (includeVariants=false): a paper on Llama-2-7B is no news for Llama 2.");
  // A feed reader shows it as the feed's description.
  const xml = atomFeed([], { base: "http://h", self: "http://h/feed/model/Llama%202.atom", id: "urn:x", title: "t", subtitle: one, alternate: "http://h/explore", now: "2026-12-05T12:00:00.000Z" });
  expect((await parseAtom(xml)).meta.description).toBe(one);
});

test("an empty feed is valid too, updated at the time it was made", async () => {
  const xml = atomFeed([], { base: "http://h", self: "http://h/feed/technique/x.atom", id: "urn:x", title: "t", subtitle: "s", alternate: "http://h/explore", now: "2026-12-05T12:00:00.000Z" });
  const feed = await parseAtom(xml);
  expect(atomProblems(feed, xml)).toEqual([]);
  expect(feed.items).toEqual([]);
});

test("broken XML is refused by the parser the tests rely on", async () => {
  await expect(parseAtom('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>x & y</title></feed>')).rejects.toThrow();
});

test("the digest groups by followed entity, paper by paper, with claims and sentences", () => {
  const changes: Changes = {
    since: "2026-11-28T12:00:00.000Z", until: "2026-12-05T12:00:00.000Z", paperCount: 2, papers: [newer, older], correctionCount: 0,
    ingests: [{ id: "i1", source: "watch", files: ["/in/2026-12-05.txt"], fileHashes: [""], startedAt: "x", finishedAt: "2026-12-05T10:00:01.000Z", extractorVersion: "v", complete: true, interrupted: false, papersRead: 2, created: 2, updated: 0, unchanged: 0, skipped: 0, rejected: 0, failed: 0, relationshipsCreated: 9, warnings: 0, errors: 0 }],
    followed,
  };
  const idle = { ...changes.ingests[0]!, id: "i2", files: ["/in/missing.txt"], papersRead: 0, created: 0, relationshipsCreated: 0, errors: 1 };
  expect(digestMarkdown({ ...changes, ingests: [...changes.ingests, idle] }).split("\n")[2])
    .toBe("2 new papers in 1 ingest (2026-12-05.txt); 1 other run stored nothing new.");
  const md = digestMarkdown(changes);
  expect(md).toBe([
    "## techtree digest: 2026-11-28 12:00 UTC to 2026-12-05 12:00 UTC",
    "",
    "2 new papers in 1 ingest (2026-12-05.txt).",
    "",
    "### vLLM (technique): 1 new paper",
    "",
    "- **Older \\<Serving\\> & Co**",
    "  - The paper compares to vLLM (2x higher throughput)",
    "    > It beats vLLM by 2x on A100 \\< H100 & more.",
    "  - runs on A100",
    "",
    "### FlashAttention (technique): 1 new paper",
    "",
    '- **Newer: "Kernels" for FlashAttention**',
    "  - FlexKern builds on FlashAttention",
    "    > FlexKern builds on FlashAttention.",
    "",
    "### flashatention-9",
    "",
    "Nothing by that name in the graph yet; did you mean FlashAttention?",
    "",
  ].join("\n"));
  const json = JSON.parse(digestJson(changes));
  expect(json.followed[0].facts[0]).toEqual({ kind: "compares_to", paper: { id: "p_old", title: "Older <Serving> & Co", listingDate: "Mar 24", addedAt: older.addedAt }, source: null, target: "vLLM", claim: "2x higher throughput", sentence: "It beats vLLM by 2x on A100 < H100 & more." });
  expect(json.followed[2]).toMatchObject({ entity: null, suggestions: ["FlashAttention"] });
});

test("a run that only updated papers (a corrected page) is named as updating them, not as storing nothing new", () => {
  // A corrected day page: one abstract edited, the 31 others unchanged. The digest said "1 other run
  // stored nothing new" of it, though the run re-extracted that paper and rewrote its facts.
  const run = { id: "i3", source: "watch" as const, files: ["/in/2026-12-03.txt"], fileHashes: [""], startedAt: "x", finishedAt: "2026-12-05T10:00:01.000Z", extractorVersion: "v", complete: true, interrupted: false, papersRead: 32, created: 0, updated: 1, unchanged: 31, skipped: 0, rejected: 0, failed: 0, relationshipsCreated: 8, warnings: 0, errors: 0 };
  const idle = { ...run, id: "i4", files: ["/in/2026-12-02.txt"], updated: 0, unchanged: 32, relationshipsCreated: 0 };
  const changes: Changes = { since: "2026-12-05T09:00:00.000Z", until: "2026-12-05T12:00:00.000Z", paperCount: 0, papers: [], correctionCount: 0, ingests: [run, idle], followed: [] };
  expect(digestMarkdown(changes).split("\n")[2])
    .toBe("0 new papers in 0 ingests; 1 paper updated (2026-12-03.txt: its facts re-extracted, not listed as new); 1 other run stored nothing new.");
  expect(digestMarkdown({ ...changes, ingests: [run] }).split("\n")[2])
    .toBe("0 new papers in 0 ingests; 1 paper updated (2026-12-03.txt: its facts re-extracted, not listed as new).");
});
