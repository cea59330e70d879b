// Corrections applied as papers are written: what people said about facts and entities (Curation
// nodes, src/curation) holds whatever extraction says, so a rejected fact stays rejected, an added or
// confirmed one stays, a merge stays merged, when a paper is extracted again (a re-ingest, another
// source of it, a new extractor). Pure: fact rows and the active corrections in, fact rows out.
import { factIdOf, nameKey } from "../../domain";
import type { BatchRows, EntityRow, LineageRow, MentionRow, PaperEdgeRow } from "./rows";

/** A stored fact as a correction keeps it: the row of its write statement and its entities' rows. */
export interface StoredFact {
  readonly edge: { readonly type: string } & (PaperEdgeRow | LineageRow);
  readonly entities: readonly EntityRow[];
}

/** One active correction, as write/find-curations returns it. */
export interface ActiveCuration {
  readonly id: string;
  readonly action: string;
  readonly paper?: string | null;
  readonly factId?: string | null;
  /** JSON of StoredFact (confirm, reject, add). */
  readonly fact?: string | null;
  /** merge and kind: `from` now is `into`; split: mentions of `alias` of `entity` are `into`. */
  readonly from?: string | null;
  readonly into?: string | null;
  /** The target entity as the correction made it (JSON of EntityRow without aliases). */
  readonly intoEntity?: string | null;
  readonly entity?: string | null;
  readonly aliasKey?: string | null;
}

interface Target { id: string; key: string; name: string; kind: string }

/**
 * The rows with every correction applied: entity redirects (split, merge, kind) first, then
 * rejections dropped, confirmations marked (and brought back when extraction no longer finds them),
 * added facts added. Mentions are recomputed from the edges that remain.
 */
export function applyCurations(rows: BatchRows, curations: readonly ActiveCuration[]): BatchRows {
  if (curations.length === 0) return rows;
  const redirects = new Map<string, Target>();
  const splits = new Map<string, Target>();
  for (const c of curations) {
    const target = c.intoEntity ? (JSON.parse(c.intoEntity) as Target) : null;
    if (!target) continue;
    if ((c.action === "merge" || c.action === "kind") && c.from) redirects.set(c.from, target);
    if (c.action === "split" && c.entity && c.aliasKey) splits.set(`${c.entity}|${c.aliasKey}`, target);
  }
  const resolve = (id: string): string => {
    let cur = id;
    for (let i = 0; i < 20 && redirects.has(cur); i++) cur = redirects.get(cur)!.id;
    return cur;
  };

  const entities = new Map(rows.entities.map((e) => [e.id, { ...e, aliases: [...e.aliases], aliasKeys: [...e.aliasKeys] }]));
  const targetRow = (id: string): EntityRow => {
    let row = entities.get(id);
    if (!row) {
      const t = [...redirects.values(), ...splits.values()].find((x) => x.id === id)!;
      row = { id: t.id, key: t.key, name: t.name, kind: t.kind, aliases: [], aliasKeys: [], generic: false };
      entities.set(id, row);
    }
    return row;
  };
  const addAlias = (row: EntityRow, name: string) => {
    const key = nameKey(name);
    if (name !== row.name && !row.aliases.includes(name)) row.aliases.push(name);
    if (key && key !== row.key && !row.aliasKeys.includes(key)) row.aliasKeys.push(key);
  };
  // An entity merged away lends its spellings to the one it is now; a split alias leaves its entity.
  for (const row of [...entities.values()]) {
    const to = resolve(row.id);
    if (to !== row.id) {
      const into = targetRow(to);
      for (const a of [row.name, ...row.aliases]) addAlias(into, a);
    }
  }
  for (const [k, t] of splits) {
    const [entity, aliasKey] = k.split("|") as [string, string];
    const row = entities.get(entity);
    if (!row) continue;
    row.aliases = row.aliases.filter((a) => nameKey(a) !== aliasKey);
    row.aliasKeys = row.aliasKeys.filter((a) => a !== aliasKey);
    void t;
  }

  const moveEntity = (paperEdge: PaperEdgeRow): PaperEdgeRow => {
    const mention = typeof paperEdge.props.mention === "string" ? nameKey(paperEdge.props.mention) : "";
    const split = splits.get(`${paperEdge.entity}|${mention}`);
    const to = resolve(split?.id ?? paperEdge.entity);
    if (to === paperEdge.entity) return paperEdge;
    targetRow(to);
    return { ...paperEdge, entity: to, props: { ...paperEdge.props, curatedFrom: paperEdge.entity, factId: factIdOf({ paper: paperEdge.paper, fact: paperEdge.fact as never, entity: to }) } };
  };
  const moveLineage = (l: LineageRow): LineageRow | null => {
    const from = resolve(l.from), to = resolve(l.to);
    if (from === l.from && to === l.to) return l;
    if (from === to) return null;
    targetRow(from);
    targetRow(to);
    // Marked with the entity it came from, as mutation/curation-move-edges marks it, so an undo finds it.
    return { ...l, from, to, props: { ...l.props, curatedFrom: from !== l.from ? l.from : l.to, factId: factIdOf({ paper: l.paper, from, to }) } };
  };

  // Fact corrections by fact id, and by the loose id of a builds-on fact (stored as USES when the
  // paper introduces nothing, as its contribution's BUILDS_ON otherwise: either form is the fact).
  const byAction = (action: string) => curations.filter((c) => c.action === action && c.fact).map((c) => JSON.parse(c.fact!) as StoredFact);
  const rejected = new Set<string>();
  for (const c of curations) if (c.action === "reject" && c.factId) rejected.add(c.factId);
  for (const f of byAction("reject")) for (const k of factKeys(f.edge, resolve)) rejected.add(k);
  const isRejected = (e: PaperEdgeRow | LineageRow) => factKeys(e, resolve).some((k) => rejected.has(k));

  const paperEdges = Object.fromEntries(Object.entries(rows.paperEdges).map(([type, list]) => [type, new Map<string, PaperEdgeRow>()])) as {
    [T in keyof BatchRows["paperEdges"]]: Map<string, PaperEdgeRow>;
  };
  const lineage = new Map<string, LineageRow>();
  const put = (type: string, e: PaperEdgeRow | LineageRow, overwrite: boolean) => {
    if (isRejected(e)) return;
    const map = "entity" in e ? paperEdges[type as keyof typeof paperEdges] : lineage;
    if (!map) return;
    const key = String(e.props.factId);
    const had = map.get(key);
    if (!had || overwrite) { (map as Map<string, typeof e>).set(key, e); return; }
    // Two extracted facts made one by a merge: one edge stands for both, and keeps both trails, as
    // mutation/curation-move-edges keeps them; the evidence is that of the fact the entity had itself.
    const [keep, other] = e.props.curatedFrom === undefined && had.props.curatedFrom !== undefined ? [e, had] : [had, e];
    // A builds-on edge has two ends: its own origin is the end the other edge's origin was merged into.
    const end = "entity" in keep ? keep.entity : resolve(String(other.props.curatedFrom ?? "")) === keep.to ? keep.to : keep.from;
    (map as Map<string, typeof e>).set(key, { ...keep, props: { ...keep.props, ...withTrail(keep, other, end) } } as typeof e);
  };
  for (const [type, list] of Object.entries(rows.paperEdges)) for (const e of list) put(type, moveEntity(e), false);
  for (const l of rows.lineage) {
    const moved = moveLineage(l);
    if (moved) put("BUILDS_ON", moved, false);
  }
  // Confirmed and added facts: marked when extraction found them too, written from the correction when not.
  const papers = new Set(rows.papers);
  for (const f of [...byAction("confirm"), ...byAction("add")]) {
    if (!papers.has(f.edge.paper)) continue;
    for (const e of f.entities) if (!entities.has(e.id)) entities.set(e.id, { ...e, aliases: [...e.aliases], aliasKeys: [...e.aliasKeys] });
    const moved = "entity" in f.edge ? moveEntity(f.edge as PaperEdgeRow) : moveLineage(f.edge as LineageRow);
    if (!moved) continue;
    const map = "entity" in moved ? paperEdges[f.edge.type as keyof typeof paperEdges] : lineage;
    const existing = map?.get(String(moved.props.factId));
    put(f.edge.type, { ...(existing ?? moved), props: { ...(existing ?? moved).props, confirmed: true } } as PaperEdgeRow | LineageRow, true);
  }

  const sortEdges = (m: Map<string, PaperEdgeRow>) => [...m.values()].sort((a, b) => cmp(a.entity, b.entity) || cmp(a.paper, b.paper) || cmp(a.fact, b.fact));
  const outEdges = Object.fromEntries(Object.entries(paperEdges).map(([t, m]) => [t, sortEdges(m)])) as unknown as BatchRows["paperEdges"];
  const outLineage = [...lineage.values()].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.paper, b.paper));
  const mentioned = new Map<string, Set<string>>();
  const mention = (paper: string, id: string) => mentioned.set(paper, (mentioned.get(paper) ?? new Set()).add(id));
  for (const list of Object.values(outEdges)) for (const e of list) mention(e.paper, e.entity);
  for (const l of outLineage) { mention(l.paper, l.from); mention(l.paper, l.to); }
  const mentions: MentionRow[] = [...mentioned].map(([paper, ids]) => ({ paper, entities: [...ids].sort(cmp) })).sort((a, b) => cmp(a.paper, b.paper));
  const used = new Set([...mentioned.values()].flatMap((s) => [...s]));
  return {
    papers: rows.papers,
    entities: [...entities.values()].filter((e) => used.has(e.id)).map((e) => ({ ...e, aliases: e.aliases.sort(cmp), aliasKeys: e.aliasKeys.sort(cmp) })).sort((a, b) => cmp(a.id, b.id)),
    paperEdges: outEdges,
    lineage: outLineage,
    mentions,
  };
}

/** The ids a fact is known by: its fact id (entities resolved), and for builds-on its loose id "paper|builds_on|to". */
function factKeys(e: PaperEdgeRow | LineageRow, resolve: (id: string) => string): string[] {
  if ("entity" in e) {
    const keys = [factIdOf({ paper: e.paper, fact: e.fact as never, entity: resolve(e.entity) }), String(e.props.factId ?? "")];
    if (e.fact === "builds_on") keys.push(`${e.paper}|builds_on~|${resolve(e.entity)}`);
    return keys.filter(Boolean);
  }
  const keys = [factIdOf({ paper: e.paper, from: resolve(e.from), to: resolve(e.to) }), String(e.props.factId ?? "")];
  if (e.props.fact === "builds_on") keys.push(`${e.paper}|builds_on~|${resolve(e.to)}`);
  return keys.filter(Boolean);
}

/** An edge's trail: the entities its fact was extracted on (curatedFrom, else `end`, the entity it is on; then curatedAlso). */
function trailOf(e: PaperEdgeRow | LineageRow, end: string): string[] {
  const own = typeof e.props.curatedFrom === "string" ? e.props.curatedFrom : end;
  return [own, ...(Array.isArray(e.props.curatedAlso) ? (e.props.curatedAlso as string[]) : [])];
}

/** curatedAlso of `keep` (on entity `end`) when it also stands for `other`'s fact: both trails, less keep's own origin. */
function withTrail(keep: PaperEdgeRow | LineageRow, other: PaperEdgeRow | LineageRow, end: string): { curatedAlso?: string[] } {
  const [own, ...also] = trailOf(keep, end);
  const more = [...new Set([...also, ...trailOf(other, end)])].filter((x) => x !== own);
  return more.length ? { curatedAlso: more } : {};
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
