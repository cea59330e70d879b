// Facts -> the parameter rows of the fact statements (entities, paper edges, lineage, mentions). Pure:
// the same Facts always give the same rows, so a batch can be retried or replayed and lands as the
// same graph. The paper nodes and their explicit metadata come from write/papers.ts.
import type { EntityRef, Evidence, Fact, Facts, PaperEdgeType } from "../../domain";
import { factIdOf, nameKey, RELATIONSHIP_OF_FACT } from "../../domain";

export type { PaperEdgeType } from "../../domain";

export interface EntityRow { id: string; key: string; name: string; kind: string; aliases: string[]; aliasKeys: string[]; generic: boolean }
/** curatedAlso (src/ingest/write/curate.ts) is the one list. */
export interface EdgeProps { [key: string]: string | number | boolean | null | readonly string[] }
export interface PaperEdgeRow { paper: string; entity: string; fact: string; props: EdgeProps }
export interface LineageRow { paper: string; from: string; to: string; props: EdgeProps }
/** Every entity a paper mentions in any role (its paper edges and the builds-on edges it states): one MENTIONS edge each. */
export interface MentionRow { paper: string; entities: string[] }

export interface BatchRows {
  /** Ids of the papers whose facts these are. */
  readonly papers: string[];
  readonly entities: EntityRow[];
  readonly paperEdges: { readonly [T in PaperEdgeType]: PaperEdgeRow[] };
  readonly lineage: LineageRow[];
  readonly mentions: MentionRow[];
}

export function entityId(e: Pick<EntityRef, "kind" | "key">): string {
  return `${e.kind.toLowerCase()}:${e.key}`;
}

export function toRows(batch: readonly { facts: Facts }[]): BatchRows {
  const papers: string[] = [];
  const entities = new Map<string, EntityRow>();
  const paperEdges: { [T in PaperEdgeType]: Map<string, PaperEdgeRow> } = {
    INTRODUCES: new Map(), USES: new Map(), COMPARES_TO: new Map(), EVALUATED_ON: new Map(),
  };
  // Keyed per paper, as write/merge-builds-on MERGEs them ({paper}): which lineage edges a paper gets
  // must not depend on which other papers share its batch, or shards and batch sizes change the graph.
  const lineage = new Map<string, LineageRow>();
  const mentions: MentionRow[] = [];

  for (const { facts } of batch) {
    const { paper } = facts;
    papers.push(paper.id);
    const primary = facts.facts.find((f) => f.kind === "introduces")?.entity;

    for (const l of facts.lineage) {
      addEntity(entities, l.from);
      addEntity(entities, l.to);
      if (l.from.key === l.to.key && l.from.kind === l.to.kind) continue;
      const from = entityId(l.from), to = entityId(l.to);
      const row = { paper: paper.id, from, to, props: { ...evidenceProps(paper.id, "lineage", l.evidence), factId: factIdOf({ paper: paper.id, from, to }) } };
      keepFirst(lineage, `${paper.id}|${row.from}|${row.to}`, row);
    }
    for (const fact of facts.facts) {
      addEntity(entities, fact.entity);
      const target = entityId(fact.entity);
      if (fact.kind === "builds_on" && primary && entityId(primary) !== target) {
        // The contribution builds on the entity; the builds_on fact wins over the paper's lineage edge on the same pair.
        const from = entityId(primary);
        const props = { ...factProps(paper.id, fact), factId: factIdOf({ paper: paper.id, from, to: target }) };
        lineage.set(`${paper.id}|${from}|${target}`, { paper: paper.id, from, to: target, props });
        continue;
      }
      const type = RELATIONSHIP_OF_FACT[fact.kind];
      const props = { ...factProps(paper.id, fact), factId: factIdOf({ paper: paper.id, fact: fact.kind, entity: target }) };
      keepFirst(paperEdges[type], `${paper.id}|${target}|${fact.kind}`, { paper: paper.id, entity: target, fact: fact.kind, props });
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
  const edges = (m: Map<string, PaperEdgeRow>) => [...m.values()].sort((a, b) => cmp(a.entity, b.entity) || cmp(a.paper, b.paper) || cmp(a.fact, b.fact));
  return {
    papers: papers.sort(cmp),
    entities: [...entities.values()].sort((a, b) => cmp(a.id, b.id)),
    paperEdges: {
      INTRODUCES: edges(paperEdges.INTRODUCES), USES: edges(paperEdges.USES),
      COMPARES_TO: edges(paperEdges.COMPARES_TO), EVALUATED_ON: edges(paperEdges.EVALUATED_ON),
    },
    lineage: [...lineage.values()].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.paper, b.paper)),
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
    row = { id, key: e.key, name: e.name, kind: e.kind, aliases: [], aliasKeys: [], generic: e.generic === true };
    map.set(id, row);
  } else if (e.name !== row.name) {
    // The display name is the least of the spellings seen (write/merge-entities does the same across
    // batches), so it does not depend on which paper, batch or shard process came first; the other
    // spelling is an alias, so no paper's way of writing the name is lost.
    const [least, other] = cmp(e.name, row.name) < 0 ? [e.name, row.name] : [row.name, e.name];
    row.name = least;
    row.aliases = row.aliases.filter((a) => a !== least);
    if (!row.aliases.includes(other)) row.aliases.push(other);
  }
  for (const a of e.aliases) {
    if (a !== row.name && !row.aliases.includes(a)) row.aliases.push(a);
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
