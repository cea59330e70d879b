// `techtree digest`: what changed around the followed entities, as Markdown to paste into a team
// channel or as JSON for scripts: the new papers' facts, and the corrections people made to them
// (src/follow/corrections.ts). Pure: a Changes record in, text out.
import { factLine } from "./atom";
import { followedIds, isDirect, type Changes, type ChangedPaper, type FactChange, type FollowedChanges } from "./changes";

/** "2026-12-05 14:03 UTC" */
function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function digestMarkdown(c: Changes): string {
  const out: string[] = [`## techtree digest: ${when(c.since)} to ${when(c.until)}`, ""];
  // The runs that stored new papers, by their files; the papers runs updated (a corrected page:
  // re-extracted, so their facts changed, but not new: see changes.ts), by their files; runs that
  // changed nothing (a file seen before, a missing one) are only counted.
  const bringing = c.ingests.filter((i) => i.created > 0);
  const updating = c.ingests.filter((i) => i.updated > 0);
  const updated = updating.reduce((n, i) => n + i.updated, 0);
  const idle = c.ingests.filter((i) => i.created === 0 && i.updated === 0).length;
  const names = (runs: typeof c.ingests) => [...new Set(runs.flatMap((i) => i.files))].map((f) => f.split("/").pop()).join(", ");
  const files = names(bringing);
  out.push(`${plural(c.paperCount, "new paper")} in ${plural(bringing.length, "ingest")}` +
    (files ? ` (${files})` : "") +
    (updated ? `; ${plural(updated, "paper")} updated (${names(updating)}: ${updated === 1 ? "its" : "their"} facts re-extracted, not listed as new)` : "") +
    (idle ? `; ${plural(idle, "other run")} stored nothing new` : "") +
    (c.correctionCount ? `; ${plural(c.correctionCount, "correction")}` : "") + ".", "");
  if (c.followed.length === 0) {
    for (const p of c.papers) out.push(`- ${p.title}`);
    if (c.papers.length) out.push("");
  }
  for (const f of c.followed) out.push(...followedMarkdown(f), "");
  return out.join("\n").replace(/\n+$/, "\n");
}

function followedMarkdown(f: FollowedChanges): string[] {
  if (!f.entity) {
    const lines = [`### ${f.name}`, ""];
    if (!f.corrections.length) return [...lines, `Nothing by that name in the graph yet${f.suggestions.length ? `; did you mean ${f.suggestions.join(", ")}?` : "."}`];
    // A correction took it out of the graph (its last fact rejected, or its addition undone).
    return [...lines, `Nothing by that name in the graph now${f.suggestions.length ? ` (did you mean ${f.suggestions.join(", ")}?)` : ""}. Corrections that touched it:`, ...correctionsMarkdown(f)];
  }
  const news = f.papers === 0 && f.correctionCount === 0 ? "nothing new"
    : `${f.papers === 0 ? "no new papers" : plural(f.papers, "new paper")}${f.correctionCount ? `, ${plural(f.correctionCount, "correction")}` : ""}`;
  const head = `### ${f.entity.name} (${f.entity.kind.toLowerCase()}): ${news}`;
  const lines = [head];
  const ids = followedIds(f);
  for (const [paper, facts] of byPaper(f.facts)) {
    lines.push("", `- **${md(paper)}**`);
    for (const fact of facts.filter((x) => isDirect(x, ids))) {
      lines.push(`  - ${md(factLine(fact))}`);
      lines.push(`    > ${md(fact.evidence.sentence)}`);
    }
    const hardware = facts.filter((x) => !isDirect(x, ids)).map((x) => x.target.name);
    if (hardware.length) lines.push(`  - runs on ${md(hardware.join(", "))}`);
  }
  if (f.facts.length && f.papers > new Set(f.facts.map((x) => x.paper.id)).size) {
    lines.push("", `(and ${plural(f.papers - new Set(f.facts.map((x) => x.paper.id)).size, "more paper")}; ask with a larger --first)`);
  }
  if (f.corrections.length) lines.push("", "Corrections:", ...correctionsMarkdown(f));
  return lines;
}

/** The corrections of a followed name: a line each, the evidence sentence under a fact's. */
function correctionsMarkdown(f: FollowedChanges): string[] {
  const lines = [""];
  for (const x of f.corrections) {
    lines.push(`- ${md(x.summary)}`);
    if (x.fact) lines.push(`  > ${md(x.fact.evidence.sentence)}`);
  }
  if (f.correctionCount > f.corrections.length) {
    lines.push("", `(and ${plural(f.correctionCount - f.corrections.length, "more correction")}; ask with a larger --first)`);
  }
  return lines;
}

function byPaper(facts: readonly FactChange[]): Map<string, FactChange[]> {
  const out = new Map<string, FactChange[]>();
  for (const f of facts) out.set(f.paper.title, [...(out.get(f.paper.title) ?? []), f]);
  return out;
}

/** Characters Markdown would read as formatting, escaped. */
function md(s: string): string {
  return s.replace(/([\\`*_[\]<>|#])/g, "\\$1");
}

/** The same record for scripts, without abstracts. */
export function digestJson(c: Changes): string {
  const paper = (p: Pick<ChangedPaper, "id" | "title" | "listingDate" | "addedAt">) => ({ id: p.id, title: p.title, listingDate: p.listingDate, addedAt: p.addedAt });
  const fact = (x: FactChange) => ({
    kind: x.kind, paper: paper(x.paper), source: x.source?.name ?? null, target: x.target.name,
    claim: x.evidence.claim ?? null, sentence: x.evidence.sentence,
  });
  return JSON.stringify({
    since: c.since, until: c.until, paperCount: c.paperCount, correctionCount: c.correctionCount,
    ingests: c.ingests.map((i) => ({ id: i.id, source: i.source, finishedAt: i.finishedAt, files: i.files, created: i.created, updated: i.updated, unchanged: i.unchanged })),
    papers: c.papers.map(paper),
    followed: c.followed.map((f) => ({
      name: f.name,
      entity: f.entity ? { id: f.entity.id, name: f.entity.name, kind: f.entity.kind } : null,
      suggestions: f.suggestions,
      papers: f.papers,
      facts: f.facts.map(fact),
      correctionCount: f.correctionCount,
      corrections: f.corrections.map((x) => ({
        id: x.curation.id, action: x.curation.action, effect: x.effect, at: x.at, summary: x.summary,
        who: x.curation.who, madeAt: x.curation.at, reason: x.curation.reason ?? null,
        undoneAt: x.curation.undoneAt ?? null, undoneBy: x.curation.undoneBy ?? null,
        fact: x.fact ? fact(x.fact) : null,
      })),
    })),
  }, null, 1) + "\n";
}
