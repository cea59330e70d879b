// Extraction entry point: extractFacts(paper) -> Facts, a pure function (no I/O, no clock).
// analyze() reads the paper once; the extractor registry turns that reading into facts;
// evidence and confidence come from the rule table. See docs/extraction.md.
import { FACT_KINDS, type ContractRecord, type EntityRef, type Evidence, type Fact, type FactKind, type Facts, type Lineage, type Paper } from "../../domain";
import { analyze, type Context, type Entity } from "./analyze";
import { EXTRACTORS, type Draft } from "./extractors";
import { confidenceOf } from "./rules";
import { LINEAGE, VOCABULARY_VERSION } from "./vocabulary";
import { MAX_ABSTRACT_CHARS, nameKey } from "../../domain";

/** Rules version + vocabulary version: a change in either re-extracts stored papers. */
export const EXTRACTOR_VERSION = `1.5.1+vocab.${VOCABULARY_VERSION}`;

function toRef(e: Entity): EntityRef {
  return Object.freeze({ kind: e.kind, name: e.name, key: e.key, aliases: Object.freeze([...e.aliases]) });
}

function evidence(d: Pick<Draft, "sentence" | "rule">): Evidence {
  return { sentence: d.sentence.text, field: d.sentence.field, start: d.sentence.start, end: d.sentence.end, rule: d.rule, confidence: confidenceOf(d.rule) };
}

/** Known lineage from the vocabulary when both ends occur, and "X extends/builds on Y" from the primary contribution. */
function lineageOf(ctx: Context, facts: readonly Fact[], refs: Map<Entity, EntityRef>): Lineage[] {
  const out: Lineage[] = [];
  const present = new Map<string, Entity>();
  for (const m of ctx.mentions) present.set(m.entity.key, m.entity);
  for (const i of ctx.introduced) present.set(i.entity.key, i.entity);
  const ref = (e: Entity) => refs.get(e) ?? toRef(e);
  for (const [child, parent] of LINEAGE) {
    const c = present.get(nameKey(child));
    const p = present.get(nameKey(parent));
    if (!c || !p || c === p) continue;
    const m = ctx.mentions.find((x) => x.entity === c) ?? ctx.mentions.find((x) => x.entity === p)!;
    out.push({ from: ref(c), to: ref(p), evidence: evidence({ sentence: m.sentence, rule: "lineage:vocabulary" }) });
  }
  const primary = facts.find((f) => f.kind === "introduces");
  if (primary) {
    for (const f of facts) {
      if (f.kind !== "builds_on" || !/^builds:(extends|based-on)/.test(f.evidence.rule)) continue;
      if (!out.some((l) => l.from.key === primary.entity.key && l.to.key === f.entity.key)) {
        out.push({ from: primary.entity, to: f.entity, evidence: { ...f.evidence, rule: `lineage:${f.evidence.rule}` } });
      }
    }
  }
  return out;
}

/** The part of a paper extraction reads (see MAX_ABSTRACT_CHARS). */
function readablePart(paper: Paper): Paper {
  if (paper.abstract.length <= MAX_ABSTRACT_CHARS) return paper;
  const head = paper.abstract.slice(0, MAX_ABSTRACT_CHARS);
  const end = Math.max(head.lastIndexOf(". "), head.lastIndexOf(".\n"));
  return { ...paper, abstract: end > 0 ? head.slice(0, end + 1) : head };
}

export function extractFacts(paper: Paper): Facts {
  const ctx = analyze(readablePart(paper));
  const drafts: Draft[] = FACT_KINDS.flatMap((k) => EXTRACTORS[k](ctx));
  const refs = new Map<Entity, EntityRef>();
  const ref = (e: Entity) => {
    let r = refs.get(e);
    if (!r) refs.set(e, (r = toRef(e)));
    return r;
  };
  // One fact per (kind, entity): the first, most specific evidence wins.
  const seen = new Set<string>();
  const facts: Fact[] = [];
  for (const d of drafts) {
    const id = `${d.kind}\u0000${d.entity.key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    facts.push({
      kind: d.kind,
      entity: ref(d.entity),
      evidence: evidence(d),
      ...(d.claim ? { claim: d.claim } : {}),
      ...(d.mention !== d.entity.name ? { mention: d.mention } : {}),
    });
  }
  return Object.freeze({ paper, facts: Object.freeze(facts), lineage: Object.freeze(lineageOf(ctx, facts, refs)), extractorVersion: EXTRACTOR_VERSION });
}

/** The `techtree extract --json` object for one paper: names per field, first mention order, deduplicated. */
export function toContractRecord(facts: Facts): ContractRecord {
  const fields = Object.fromEntries(FACT_KINDS.map((k) => [k, [] as string[]])) as Record<FactKind, string[]>;
  const keys = Object.fromEntries(FACT_KINDS.map((k) => [k, new Set<string>()])) as Record<FactKind, Set<string>>;
  for (const f of facts.facts) {
    if (keys[f.kind].has(f.entity.key)) continue;
    keys[f.kind].add(f.entity.key);
    // The text form matches how readers (and the gold) write the name; the graph keeps the canonical one.
    fields[f.kind].push(f.mention ?? f.entity.name);
  }
  return { title: facts.paper.title, ...fields };
}
