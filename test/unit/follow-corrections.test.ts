// Corrections as news for followers, no database: what each correction did over a period (made in
// it, undone in it, or both), the line people read for every kind of correction, the digest's section
// and the feed's entry, whose id stays the same when the correction is undone later.
import type { CurationRecord } from "../../src/curation/curate";
import type { Changes, ChangedEntity, ChangedPaper, FollowedChanges } from "../../src/follow/changes";
import { followedCorrections, type CorrectionsRow } from "../../src/follow/corrections";
import { atomFeed, feedEntries } from "../../src/follow/atom";
import { digestJson, digestMarkdown } from "../../src/follow/digest";
import { atomProblems, parseAtom } from "../helpers/atom";

const fa: ChangedEntity = { id: "technique:flashattention", name: "FlashAttention", kind: "Technique", key: "flashattention", aliases: [] };
const paper: ChangedPaper = { id: "p_0123456789abcdef", title: "Kernels <for> everyone", listingDate: "Mar 24", addedAt: "2026-11-01T10:00:00.000Z" };
const SINCE = "2026-12-01T00:00:00.000Z";
const BEFORE = "2026-11-20T10:00:00.000Z";
const IN = "2026-12-02T10:00:00.000Z";
const LATER = "2026-12-03T10:00:00.000Z";

/** An addFact or rejectFact of "paper builds on FlashAttention", as src/curation/curate.ts stores it. */
function factCuration(action: "add" | "reject", at: string, undoneAt?: string): CurationRecord {
  const factId = `${paper.id}|builds_on|${fa.id}`;
  const fact = {
    edge: { type: "USES", paper: paper.id, entity: fa.id, fact: "builds_on", props: { sentence: "We build on FlashAttention.", rule: "curated", confidence: 1, factId } },
    entities: [{ id: fa.id, key: fa.key, name: "Flash Attention (old name)", kind: "Technique", aliases: [], aliasKeys: [], generic: false }],
  };
  return {
    id: `c_${action}${at}`, action, who: "alice", at, reason: "checked the paper", factId, paper: paper.id, fact: JSON.stringify(fact),
    ...(undoneAt ? { undoneAt, undoneBy: "bob" } : {}),
  };
}

const row = (...cs: [CurationRecord, ChangedPaper | null][]): CorrectionsRow => ({ id: fa.id, total: cs.length, corrections: cs.map(([curation, p]) => ({ curation, paper: p })) });

test.each([
  ["an addition made in the period", "add", IN, undefined, "added", IN, 'fact added by alice: "Kernels <for> everyone" builds on FlashAttention (checked the paper)'],
  ["a rejection made in the period", "reject", IN, undefined, "removed", IN, 'fact rejected by alice: "Kernels <for> everyone" builds on FlashAttention (checked the paper)'],
  ["an addition made before, undone in the period", "add", BEFORE, IN, "removed", IN, 'addition undone by bob: "Kernels <for> everyone" builds on FlashAttention'],
  ["a rejection made before, undone in the period", "reject", BEFORE, IN, "added", IN, 'rejection undone by bob: "Kernels <for> everyone" builds on FlashAttention'],
  ["an addition made and undone in the period", "add", IN, LATER, "none", LATER, 'fact added by alice and undone by bob: "Kernels <for> everyone" builds on FlashAttention'],
] as const)("%s", (_, action, at, undoneAt, effect, when, summary) => {
  const [c] = followedCorrections(row([factCuration(action, at, undoneAt), paper]), SINCE, fa);
  expect(c).toMatchObject({ effect, at: when, summary });
  // The fact as the correction stored it, named by the entity's current name.
  expect(c!.fact).toMatchObject({ kind: "builds_on", paper: { id: paper.id }, source: null, target: { id: fa.id, name: "FlashAttention" },
    evidence: { sentence: "We build on FlashAttention.", factId: `${paper.id}|builds_on|${fa.id}`, rule: "curated" } });
});

test("a fact correction whose paper is gone still reads, by its fact id", () => {
  const [c] = followedCorrections(row([factCuration("reject", IN), null]), SINCE, fa);
  expect(c!.fact).toBeNull();
  expect(c!.headline).toBe(`fact rejected by alice: ${paper.id}|builds_on|${fa.id}`);
});

test("entity corrections read as what they did, by the names they had", () => {
  const entity = (name: string, kind = "Technique") => ({ id: `x:${name}`, key: name.toLowerCase(), name, kind, aliases: [], aliasKeys: [], nameCurated: false });
  const base = { who: "alice", at: IN, reason: null };
  const cs: CurationRecord[] = [
    { ...base, id: "c_1", action: "merge", from: "technique:flashattn", into: fa.id, before: JSON.stringify({ from: entity("FlashAttn"), into: entity("FlashAttention") }) },
    { ...base, id: "c_2", action: "kind", from: "technique:minigpt4", into: "model:minigpt4", kind: "Model", before: JSON.stringify({ from: entity("MiniGPT-4"), into: entity("MiniGPT-4", "Model") }) },
    { ...base, id: "c_3", action: "rename", entity: fa.id, name: "Flash Attention", before: JSON.stringify({ entity: entity("FlashAttention") }) },
    { ...base, id: "c_4", action: "split", entity: fa.id, alias: "FlashAttention-3", into: "technique:flashattention3", before: JSON.stringify({ entity: entity("FlashAttention") }) },
  ];
  const made = followedCorrections(row(...cs.map((c): [CurationRecord, null] => [c, null])), SINCE, fa);
  expect(made.map((c) => [c.curation.id, c.effect, c.summary, c.fact])).toEqual([
    ["c_4", "changed", '"FlashAttention-3" split off FlashAttention by alice', null],
    ["c_3", "changed", "FlashAttention renamed to Flash Attention by alice", null],
    ["c_2", "changed", "MiniGPT-4 made a model (was a technique) by alice", null],
    ["c_1", "changed", "FlashAttn merged into FlashAttention by alice", null],
  ]);
  const undone = followedCorrections(row(...cs.map((c): [CurationRecord, null] => [{ ...c, at: BEFORE, undoneAt: IN, undoneBy: "bob" }, null])), SINCE, fa);
  expect(undone.map((c) => [c.effect, c.summary])).toEqual([
    ["undone", 'split of "FlashAttention-3" off FlashAttention undone by bob'],
    ["undone", "renaming of FlashAttention to Flash Attention undone by bob"],
    ["undone", "change of MiniGPT-4 to a model undone by bob"],
    ["undone", "merge of FlashAttn into FlashAttention undone by bob"],
  ]);
});

test("the digest lists a followed entity's corrections after its papers, and its first line counts them", () => {
  const corrections = followedCorrections(row([factCuration("add", IN), paper], [factCuration("reject", BEFORE, LATER), paper]), SINCE, fa);
  const followed: FollowedChanges = { name: "FlashAttention", entity: fa, variants: [], suggestions: [], papers: 0, facts: [], correctionCount: 3, corrections };
  const changes: Changes = { since: SINCE, until: "2026-12-05T12:00:00.000Z", ingests: [], paperCount: 0, papers: [], correctionCount: 5, followed: [followed] };
  expect(digestMarkdown(changes)).toBe([
    "## techtree digest: 2026-12-01 00:00 UTC to 2026-12-05 12:00 UTC",
    "",
    "0 new papers in 0 ingests; 5 corrections.",
    "",
    "### FlashAttention (technique): no new papers, 3 corrections",
    "",
    "Corrections:",
    "",
    '- rejection undone by bob: "Kernels \\<for\\> everyone" builds on FlashAttention',
    "  > We build on FlashAttention.",
    '- fact added by alice: "Kernels \\<for\\> everyone" builds on FlashAttention (checked the paper)',
    "  > We build on FlashAttention.",
    "",
    "(and 1 more correction; ask with a larger --first)",
    "",
  ].join("\n"));
  const json = JSON.parse(digestJson(changes));
  expect(json.correctionCount).toBe(5);
  expect(json.followed[0].corrections[0]).toEqual({
    id: `c_reject${BEFORE}`, action: "reject", effect: "added", at: LATER, summary: 'rejection undone by bob: "Kernels <for> everyone" builds on FlashAttention',
    who: "alice", madeAt: BEFORE, reason: "checked the paper", undoneAt: LATER, undoneBy: "bob",
    fact: { kind: "builds_on", paper: { id: paper.id, title: paper.title, listingDate: "Mar 24", addedAt: paper.addedAt }, source: null, target: "FlashAttention", claim: null, sentence: "We build on FlashAttention." },
  });
});

test("a correction is one feed entry, by its curator, that keeps its id when undone (a feed reader updates it)", async () => {
  const feedOf = async (c: CurationRecord) => {
    const followed: FollowedChanges = { name: "FlashAttention", entity: fa, variants: [], suggestions: [], papers: 0, facts: [], correctionCount: 1,
      corrections: followedCorrections(row([c, paper]), SINCE, fa) };
    const xml = atomFeed(feedEntries([followed]), {
      base: "http://h", self: "http://h/feed/technique/FlashAttention.atom", id: "urn:x", title: "t", subtitle: "s", alternate: "http://h/explore", now: LATER,
    });
    const feed = await parseAtom(xml);
    expect(atomProblems(feed, xml)).toEqual([]);
    return feed;
  };
  const made = await feedOf(factCuration("add", IN));
  expect(made.meta.date?.toISOString()).toBe(IN);
  expect(made.items.map((i) => [i.guid, i.title, i.author, i.link])).toEqual([[
    `urn:techtree:curation:c_add${IN}`, 'fact added by alice: "Kernels <for> everyone" builds on FlashAttention', "alice",
    `http://h/explore?entity=FlashAttention&select=${paper.id}`,
  ]]);
  expect(made.items[0]!.description).toContain("<blockquote>We build on FlashAttention.</blockquote>");
  const undone = await feedOf(factCuration("add", IN, LATER));
  expect(undone.items.map((i) => [i.guid, i.title, i.date?.toISOString()])).toEqual([[
    `urn:techtree:curation:c_add${IN}`, 'fact added by alice and undone by bob: "Kernels <for> everyone" builds on FlashAttention', LATER,
  ]]);
});
