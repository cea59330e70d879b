// Facts -> the parameter rows of the write statements. Pure: the same Facts always give the same rows,
// so a batch can be retried or replayed and lands as the same graph.
import type { EntityRef, Evidence, Fact, Facts, PaperEdgeType } from "../../domain";
import { listingDay, nameKey, RELATIONSHIP_OF_FACT } from "../../domain";

export type { PaperEdgeType } from "../../domain";

export interface PaperRow {
  id: string; title: string; abstract: string; listingDate: string | null;
  /** The listing date as a calendar day ("YYYY-MM-DD", year 0000 for labels), stored as a Neo4j date. */
  listedOn: string | null;
  sourceFile: string; sourceLine: number; textHash: string; extractorVersion: string; externalId: string | null;
}
export interface EntityRow { id: string; key: string; name: string; kind: string; aliases: string[]; aliasKeys: string[] }
export interface EdgeProps { [key: string]: string | number | null }
export interface PaperEdgeRow { paper: string; entity: string; fact: string; props: EdgeProps }
export interface LineageRow { paper: string; from: string; to: string; props: EdgeProps }
export interface CiteRow { paper: string; id: string; title: string | null; externalId: string | null }
export interface AuthorRow { paper: string; id: string; name: string; position: number }
export interface CategoryRow { paper: string; id: string; name: string }
/** Every entity a paper mentions in any role (its paper edges and the builds-on edges it states): one MENTIONS edge each. */
export interface MentionRow { paper: string; entities: string[] }

export interface BatchRows {
  readonly papers: PaperRow[];
  readonly entities: EntityRow[];
  readonly paperEdges: { readonly [T in PaperEdgeType]: PaperEdgeRow[] };
  readonly lineage: LineageRow[];
  readonly cites: CiteRow[];
  readonly authors: AuthorRow[];
  readonly categories: CategoryRow[];
  readonly mentions: MentionRow[];
}

export function entityId(e: Pick<EntityRef, "kind" | "key">): string {
  return `${e.kind.toLowerCase()}:${e.key}`;
}

export function toRows(batch: readonly { facts: Facts; textHash: string }[]): BatchRows {
  const papers: PaperRow[] = [];
  const entities = new Map<string, EntityRow>();
  const paperEdges: { [T in PaperEdgeType]: Map<string, PaperEdgeRow> } = {
    INTRODUCES: new Map(), USES: new Map(), COMPARES_TO: new Map(), EVALUATED_ON: new Map(),
  };
  // Keyed per paper, as write/merge-builds-on MERGEs them ({paper}): which lineage edges a paper gets
  // must not depend on which other papers share its batch, or shards and batch sizes change the graph.
  const lineage = new Map<string, LineageRow>();
  const cites = new Map<string, CiteRow>();
  const authors = new Map<string, AuthorRow>();
  const categories = new Map<string, CategoryRow>();
  const mentions: MentionRow[] = [];

  for (const { facts, textHash } of batch) {
    const { paper } = facts;
    papers.push({
      id: paper.id, title: paper.title, abstract: paper.abstract, listingDate: paper.listingDate, listedOn: listingDay(paper.listingDate),
      sourceFile: paper.source.file, sourceLine: paper.source.line, textHash, extractorVersion: facts.extractorVersion,
      externalId: paper.externalId ?? null,
    });
    for (const ref of paper.references ?? []) {
      if (ref.id === paper.id) continue;
      keepFirst(cites, `${paper.id}|${ref.id}`, { paper: paper.id, id: ref.id, title: ref.title ?? null, externalId: ref.externalId ?? null });
    }
    (paper.authors ?? []).forEach((name, position) => {
      const key = nameKey(name);
      if (key) keepFirst(authors, `${paper.id}|${key}`, { paper: paper.id, id: `author:${key}`, name, position });
    });
    for (const name of paper.categories ?? []) keepFirst(categories, `${paper.id}|${name}`, { paper: paper.id, id: name, name });
    const primary = facts.facts.find((f) => f.kind === "introduces")?.entity;

    for (const l of facts.lineage) {
      addEntity(entities, l.from);
      addEntity(entities, l.to);
      if (l.from.key === l.to.key && l.from.kind === l.to.kind) continue;
      const row = { paper: paper.id, from: entityId(l.from), to: entityId(l.to), props: evidenceProps(paper.id, "lineage", l.evidence) };
      keepFirst(lineage, `${paper.id}|${row.from}|${row.to}`, row);
    }
    for (const fact of facts.facts) {
      addEntity(entities, fact.entity);
      const target = entityId(fact.entity);
      if (fact.kind === "builds_on" && primary && entityId(primary) !== target) {
        // The contribution builds on the entity; the builds_on fact wins over the paper's lineage edge on the same pair.
        lineage.set(`${paper.id}|${entityId(primary)}|${target}`, { paper: paper.id, from: entityId(primary), to: target, props: factProps(paper.id, fact) });
        continue;
      }
      const type = RELATIONSHIP_OF_FACT[fact.kind];
      keepFirst(paperEdges[type], `${paper.id}|${target}|${fact.kind}`, { paper: paper.id, entity: target, fact: fact.kind, props: factProps(paper.id, fact) });
    }
    const mentioned = new Set<string>();
    for (const f of facts.facts) mentioned.add(entityId(f.entity));
    for (const l of facts.lineage) {
      mentioned.add(entityId(l.from));
      mentioned.add(entityId(l.to));
    }
    if (mentioned.size) mentions.push({ paper: paper.id, entities: [...mentioned].sort() });
  }
  // Every list is sorted by the node its statement locks (the shared node first), so concurrent
  // writers queue on papers, entities, authors and categories in one order instead of each holding
  // what the other wants next. Nothing stored depends on this order (see addEntity).
  const byIdThenPaper = (a: { id: string; paper: string }, b: typeof a) => cmp(a.id, b.id) || cmp(a.paper, b.paper);
  const edges = (m: Map<string, PaperEdgeRow>) => [...m.values()].sort((a, b) => cmp(a.entity, b.entity) || cmp(a.paper, b.paper) || cmp(a.fact, b.fact));
  return {
    papers: papers.sort((a, b) => cmp(a.id, b.id)),
    entities: [...entities.values()].sort((a, b) => cmp(a.id, b.id)),
    paperEdges: {
      INTRODUCES: edges(paperEdges.INTRODUCES), USES: edges(paperEdges.USES),
      COMPARES_TO: edges(paperEdges.COMPARES_TO), EVALUATED_ON: edges(paperEdges.EVALUATED_ON),
    },
    lineage: [...lineage.values()].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.paper, b.paper)),
    cites: [...cites.values()].sort(byIdThenPaper),
    authors: [...authors.values()].sort(byIdThenPaper),
    categories: [...categories.values()].sort(byIdThenPaper),
    // Every entity here already has a fact or lineage edge of the paper, so it is locked before these.
    mentions: mentions.sort((a, b) => cmp(a.paper, b.paper)),
  };
}

/** Code-unit order, the same in every process whatever its locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function addEntity(map: Map<string, EntityRow>, e: EntityRef): void {
  const id = entityId(e);
  let row = map.get(id);
  if (!row) {
    row = { id, key: e.key, name: e.name, kind: e.kind, aliases: [], aliasKeys: [] };
    map.set(id, row);
  } else if (cmp(e.name, row.name) < 0) {
    // The display name is the least of the spellings seen (write/merge-entities does the same across
    // batches), so it does not depend on which paper, batch or shard process came first.
    row.name = e.name;
  }
  for (const a of e.aliases) {
    if (a !== e.name && !row.aliases.includes(a)) row.aliases.push(a);
    const k = nameKey(a);
    if (k && k !== e.key && !row.aliasKeys.includes(k)) row.aliasKeys.push(k);
  }
}

function keepFirst<T>(map: Map<string, T>, key: string, row: T): void {
  if (!map.has(key)) map.set(key, row);
}

function evidenceProps(paper: string, fact: string, ev: Evidence): EdgeProps {
  return {
    paper, fact, sentence: ev.sentence, field: ev.field, start: ev.start, end: ev.end, rule: ev.rule, confidence: ev.confidence,
  };
}

function factProps(paper: string, fact: Fact): EdgeProps {
  const props = evidenceProps(paper, fact.kind, fact.evidence);
  props.mention = fact.mention ?? fact.entity.name;
  if (fact.claim) {
    props.claim = fact.claim.text;
    props.claimMetric = fact.claim.metric ?? null;
    props.claimValue = fact.claim.value ?? null;
    props.claimUnit = fact.claim.unit ?? null;
    props.claimDirection = fact.claim.direction ?? null;
  }
  return props;
}
