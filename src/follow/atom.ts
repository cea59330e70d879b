// Atom 1.0 (RFC 4287) feeds of what new papers state about followed entities: one entry per paper,
// newest first, its content the facts with their evidence sentences and claims, its link the
// explorer view of the paper beside the entity; and one entry per correction that touches them
// (src/follow/corrections.ts), whose id stays the same when it is undone later, so a feed reader
// updates the entry it showed. Pure: records in, XML text out.
import { followedIds, isDirect, type ChangedEntity, type FactChange, type FactChangeKind, type FollowedChanges } from "./changes";
import type { FollowedCorrection } from "./corrections";

/** How each fact reads in a sentence: "<paper or source> builds on <target>". */
export const FACT_VERB: { readonly [K in FactChangeKind]: string } = {
  introduces: "introduces",
  builds_on: "builds on",
  compares_to: "compares to",
  uses: "uses",
  hardware: "runs on",
};

export type FeedEntry = PaperEntry | CorrectionEntry;

export interface PaperEntry {
  readonly type: "paper";
  readonly paperId: string;
  readonly title: string;
  /** When techtree stored the paper: the entry's updated. */
  readonly addedAt: string;
  /** The listing date as the paper carries it, when it has one. */
  readonly listingDate: string | null;
  /** Which followed entity each fact is about (the explorer link centres on the first). */
  readonly about: ChangedEntity[];
  /** The ids of the followed entities and of their sizes read with them: a fact about one is no mere "runs on". */
  readonly followed: ReadonlySet<string>;
  readonly facts: FactChange[];
}

export interface CorrectionEntry {
  readonly type: "correction";
  readonly correction: FollowedCorrection;
  /** The followed entities it touches (the explorer link centres on the first; none for an entity no longer in the graph). */
  readonly about: ChangedEntity[];
}

/** When an entry last changed: a paper's storing, a correction's latest moment. */
export function updatedOf(e: FeedEntry): string {
  return e.type === "paper" ? e.addedAt : e.correction.at;
}

/**
 * One entry per paper and one per correction, newest first, from one or several followed entities'
 * facts and corrections.
 */
export function feedEntries(followed: readonly FollowedChanges[]): FeedEntry[] {
  const entries: FeedEntry[] = [...paperEntries(followed), ...correctionEntries(followed)];
  return entries.sort((a, b) => {
    const ua = updatedOf(a), ub = updatedOf(b);
    return ua < ub ? 1 : ua > ub ? -1 : titleOf(a).localeCompare(titleOf(b));
  });
}

const titleOf = (e: FeedEntry) => (e.type === "paper" ? e.title : e.correction.headline);

function correctionEntries(followed: readonly FollowedChanges[]): CorrectionEntry[] {
  const byId = new Map<string, { correction: FollowedCorrection; about: ChangedEntity[] }>();
  for (const f of followed) {
    // A name that finds no entity may still have corrections: the ones that took it out of the graph.
    for (const c of f.corrections) {
      let e = byId.get(c.curation.id);
      if (!e) byId.set(c.curation.id, (e = { correction: c, about: [] }));
      if (f.entity && !e.about.some((a) => a.id === f.entity!.id)) e.about.push(f.entity);
    }
  }
  return [...byId.values()].map((e) => ({ type: "correction", ...e }));
}

function paperEntries(followed: readonly FollowedChanges[]): PaperEntry[] {
  const byPaper = new Map<string, { title: string; addedAt: string; listingDate: string | null; about: ChangedEntity[]; followed: Set<string>; facts: FactChange[]; keys: Set<string> }>();
  for (const f of followed) {
    if (!f.entity) continue;
    const ids = followedIds(f);
    for (const fact of f.facts) {
      let e = byPaper.get(fact.paper.id);
      if (!e) byPaper.set(fact.paper.id, (e = { title: fact.paper.title, addedAt: fact.paper.addedAt, listingDate: fact.paper.listingDate, about: [], followed: new Set(), facts: [], keys: new Set() }));
      if (!e.about.some((a) => a.id === f.entity!.id)) e.about.push(f.entity);
      for (const id of ids) e.followed.add(id);
      // The same fact can concern two followed entities (X builds on Y, both followed): list it once.
      const key = `${fact.kind}|${fact.source?.id ?? ""}|${fact.target.id}`;
      if (!e.keys.has(key)) {
        e.keys.add(key);
        e.facts.push(fact);
      }
    }
  }
  return [...byPaper.entries()]
    .map(([paperId, e]) => ({ type: "paper", paperId, title: e.title, addedAt: e.addedAt, listingDate: e.listingDate, about: e.about, followed: e.followed, facts: e.facts }));
}

/** "FlexAttention builds on FlashAttention", "The paper compares to vLLM (up to 57.9x ...)". */
export function factLine(f: FactChange, paper = "The paper"): string {
  const subject = f.source?.name ?? paper;
  const claim = f.kind === "compares_to" && f.evidence.claim ? ` (${f.evidence.claim})` : "";
  return `${subject} ${FACT_VERB[f.kind]} ${f.target.name}${claim}`;
}

export interface FeedOptions {
  /** Absolute base URL of the service ("http://127.0.0.1:4000"), for links. */
  readonly base: string;
  /** The feed's own URL (rel=self), absolute. */
  readonly self: string;
  readonly id: string;
  readonly title: string;
  readonly subtitle: string;
  /** The explorer view the feed is about (rel=alternate), absolute. */
  readonly alternate: string;
  /** Used for updated when the feed has no entry. */
  readonly now: string;
}

/** What a feed's subtitle describes: one entity (its own feed), or the names a follow feed asked for. */
export type SubtitleOf =
  | { readonly entity: { readonly name: string; readonly kind: string }; readonly includeVariants: boolean }
  | { readonly known: readonly string[]; readonly unknown: readonly string[]; readonly includeVariants: boolean };

/**
 * The feed's subtitle: what its entries are, then whether a followed model's or chip's sizes count as
 * it. They do by default (VARIANT_OF: a paper on Llama-2-7B is news for Llama 2), which a reader of
 * the feed cannot tell from its entries, so the subtitle says so and names the switch.
 */
export function feedSubtitle(o: SubtitleOf): string {
  const what = "entity" in o
    ? `New papers that introduce, build on, compare to, use or run on ${o.entity.name} (${o.entity.kind.toLowerCase()}), and corrections to its facts, newest first`
    : `New papers about ${o.known.join(", ") || "nothing in the graph yet"}, and corrections to their facts, newest first` +
      (o.unknown.length ? `; not in the graph yet: ${o.unknown.join(", ")}` : "");
  const sizes = o.includeVariants
    ? "A model's or chip's sizes count as it (a paper on Llama-2-7B is news for Llama 2); ?includeVariants=false leaves them out."
    : "Sizes are left out (includeVariants=false): a paper on Llama-2-7B is no news for Llama 2.";
  return `${what}. ${sizes}`;
}

export function explorerLink(base: string, entity: string, paperId?: string): string {
  const q = new URLSearchParams({ entity });
  if (paperId) q.set("select", paperId);
  return `${base}/explore?${q.toString()}`;
}

export function atomFeed(entries: readonly FeedEntry[], o: FeedOptions): string {
  const updated = entries.reduce((max, e) => (updatedOf(e) > max ? updatedOf(e) : max), entries.length ? "" : o.now);
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom">`,
    `  <id>${xml(o.id)}</id>`,
    `  <title>${xml(o.title)}</title>`,
    `  <subtitle>${xml(o.subtitle)}</subtitle>`,
    `  <updated>${xml(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(o.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(o.alternate)}"/>`,
    `  <author><name>techtree</name></author>`,
    `  <generator>techtree</generator>`,
  ];
  for (const e of entries) lines.push(...(e.type === "paper" ? entryXml(e, o.base) : correctionXml(e, o.base)));
  lines.push(`</feed>`, ``);
  return lines.join("\n");
}

function entryXml(e: PaperEntry, base: string): string[] {
  const link = explorerLink(base, e.about[0]?.name ?? "", e.paperId);
  const direct = e.facts.filter((f) => isDirect(f, e.followed));
  const hardware = [...new Set(e.facts.filter((f) => !direct.includes(f)).map((f) => f.target.name))];
  const html = [
    ...direct.map((f) => `<p><b>${escapeHtml(factLine(f))}</b></p><blockquote>${escapeHtml(f.evidence.sentence)}</blockquote>`),
    hardware.length ? `<p>Runs on ${escapeHtml(hardware.join(", "))}.</p>` : "",
    `<p><a href="${escapeHtml(link)}">See it in the techtree explorer</a>${e.listingDate ? ` · listed ${escapeHtml(e.listingDate)}` : ""}</p>`,
  ].join("");
  const summary = [...direct.map((f) => `${factLine(f)}: "${f.evidence.sentence}"`), ...(hardware.length ? [`Runs on ${hardware.join(", ")}.`] : [])].join(" ");
  return [
    `  <entry>`,
    `    <id>urn:techtree:paper:${xml(e.paperId)}</id>`,
    `    <title>${xml(e.title)}</title>`,
    `    <updated>${xml(e.addedAt)}</updated>`,
    `    <link rel="alternate" type="text/html" href="${xml(link)}"/>`,
    ...[...new Set(e.facts.map((f) => f.kind))].map((k) => `    <category term="${k}" label="${FACT_VERB[k]}"/>`),
    `    <summary>${xml(summary)}</summary>`,
    `    <content type="html">${xml(html)}</content>`,
    `  </entry>`,
  ];
}

/** A correction: its line (who, what, why), the evidence sentence of a fact correction, a link to the explorer. */
function correctionXml(e: CorrectionEntry, base: string): string[] {
  const c = e.correction;
  const link = explorerLink(base, e.about[0]?.name ?? c.fact?.source?.name ?? "", c.fact?.paper.id);
  const sentence = c.fact?.evidence.sentence;
  const html = [
    `<p><b>${escapeHtml(c.summary)}</b></p>`,
    sentence ? `<blockquote>${escapeHtml(sentence)}</blockquote>` : "",
    `<p><a href="${escapeHtml(link)}">See it in the techtree explorer</a></p>`,
  ].join("");
  return [
    `  <entry>`,
    `    <id>urn:techtree:curation:${xml(c.curation.id)}</id>`,
    `    <title>${xml(c.headline)}</title>`,
    `    <updated>${xml(c.at)}</updated>`,
    `    <author><name>${xml(c.curation.who)}</name></author>`,
    `    <link rel="alternate" type="text/html" href="${xml(link)}"/>`,
    `    <category term="correction" label="${xml(c.effect)}"/>`,
    `    <summary>${xml(sentence ? `${c.summary}: "${sentence}"` : c.summary)}</summary>`,
    `    <content type="html">${xml(html)}</content>`,
    `  </entry>`,
  ];
}

// Characters XML 1.0 does not allow at all (parsing drops control characters, but be sure).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text for XML character data and attribute values. */
export function xml(s: string): string {
  return s.replace(NOT_XML, "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** Text inside the HTML of an entry's content (escaped once more by xml() as the element's text). */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}
