// Corrections people make to the graph (the API's curation mutations): confirm, reject or add a
// fact; merge two entities, split an alias off, rename, change an entity's kind; undo any of them.
// Each is stored as its own (:Curation) node (who, when, what, why) and applied twice: to the graph
// at once, here, and to every later write of the papers it concerns (src/ingest/write/curate.ts),
// so it survives re-ingest, other sources of the paper and new extractors. One transaction each.
import { randomBytes } from "node:crypto";
import {
  ENTITY_KINDS, FACT_KINDS, factIdOf, kindOfEntityId, nameKey, parseFactId,
  type CurationAction, type EntityKind, type Fact, type FactKind, type FactRef, type Facts,
} from "../domain";
import { run, type Db, type Tx } from "../graph/db";
import { parseClaim } from "../ingest/extract/claims";
import { applyCurations, type ActiveCuration, type StoredFact } from "../ingest/write/curate";
import { toRows, type BatchRows, type EntityRow, type LineageRow, type PaperEdgeRow } from "../ingest/write/rows";
import { EDGE_STATEMENT } from "../ingest/write/writer";
import type { PaperEdgeType } from "../domain";

/** A correction as stored; JSON fields stay strings. */
export interface CurationRecord {
  readonly id: string;
  readonly action: CurationAction;
  readonly who: string;
  readonly at: string;
  readonly reason: string | null;
  readonly factId?: string | null;
  readonly paper?: string | null;
  readonly fact?: string | null;
  readonly entity?: string | null;
  readonly from?: string | null;
  readonly into?: string | null;
  readonly intoEntity?: string | null;
  readonly alias?: string | null;
  readonly aliasKey?: string | null;
  readonly name?: string | null;
  readonly kind?: string | null;
  readonly before?: string | null;
  readonly created?: boolean | null;
  readonly undoneAt?: string | null;
  readonly undoneBy?: string | null;
}

/** A correction that cannot be made as asked: the message says why (the API answers BAD_USER_INPUT). */
export class CurationError extends Error {
  override readonly name = "CurationError";
  constructor(message: string, readonly argument: string) {
    super(message);
  }
}

interface EntitySnapshot {
  id: string; key: string; name: string; kind: EntityKind; aliases: string[]; aliasKeys: string[]; nameCurated: boolean;
}

export interface AddFactInput {
  readonly paper: string;
  readonly kind: FactKind;
  readonly entity: string;
  readonly entityKind?: EntityKind;
  readonly sentence: string;
  readonly claim?: string;
}

const DEFAULT_KIND: { readonly [K in FactKind]: EntityKind } = {
  introduces: "Technique", builds_on: "Technique", compares_to: "Technique", hardware: "Hardware", datasets: "Dataset", models: "Model",
};

/** Ids sort by creation time, so `curations` lists newest first by id alone. */
function newId(now: Date): string {
  return `c_${now.getTime().toString(36).padStart(9, "0")}${randomBytes(4).toString("hex")}`;
}

export class Curator {
  constructor(private readonly db: Db, private readonly who: string, private readonly timeoutMs?: number) {}

  confirmFact(factId: string, reason: string | null): Promise<CurationRecord> {
    const ref = factRef(factId);
    return this.tx(`confirmFact ${factId}`, async (tx) => {
      const stored = await readFact(tx, ref, factId);
      await run(tx, "mutation/curation-mark-fact", { ...refParams(ref), confirmed: true });
      return this.record(tx, { action: "confirm", reason, factId, paper: ref.paper, fact: JSON.stringify(stored) });
    });
  }

  rejectFact(factId: string, reason: string): Promise<CurationRecord> {
    const ref = factRef(factId);
    return this.tx(`rejectFact ${factId}`, async (tx) => {
      const stored = await readFact(tx, ref, factId);
      await run(tx, "mutation/curation-delete-fact", refParams(ref));
      await settle(tx, [ref.paper], stored.entities.map((e) => e.id));
      // An entity only this fact named goes, as it would had extraction never found it (undo brings it back).
      await run(tx, "write/delete-orphan-entities", { ids: stored.entities.map((e) => e.id).sort(cmp) });
      return this.record(tx, { action: "reject", reason, factId, paper: ref.paper, fact: JSON.stringify(stored) });
    });
  }

  addFact(input: AddFactInput, reason: string | null): Promise<CurationRecord> {
    const entityName = input.entity.trim();
    const key = nameKey(entityName);
    if (!key) throw new CurationError("entity must name something (letters or digits)", "input.entity");
    const kind = input.entityKind ?? DEFAULT_KIND[input.kind];
    return this.tx(`addFact ${input.paper}`, async (tx) => {
      const [row] = await run<{ paper: { id: string; title: string; abstract: string; listingDate: string | null; sourceFile: string; sourceLine: number } }>(
        tx, "mutation/curation-paper", { id: input.paper });
      if (!row) throw new CurationError(`no paper with id ${input.paper}`, "input.paper");
      const p = row.paper;
      const inTitle = p.title.indexOf(input.sentence);
      const inAbstract = inTitle < 0 ? p.abstract.indexOf(input.sentence) : -1;
      if (inTitle < 0 && inAbstract < 0) {
        throw new CurationError("sentence must be quoted exactly from the paper's title or abstract (it is the fact's evidence)", "input.sentence");
      }
      const fact: Fact = {
        kind: input.kind,
        entity: { kind, name: entityName, key, aliases: [] },
        evidence: {
          sentence: input.sentence, field: inTitle >= 0 ? "title" : "abstract", start: Math.max(inTitle, inAbstract),
          end: Math.max(inTitle, inAbstract) + input.sentence.length, rule: "curated", confidence: 1,
        },
        // The person's words are the claim; its figure is read from them as from an extracted one.
        ...(input.claim?.trim() ? { claim: { ...parseClaim(input.claim), text: input.claim.trim() } } : {}),
      };
      const facts: Facts = {
        paper: { id: p.id, title: p.title, abstract: p.abstract, listingDate: p.listingDate, source: { file: p.sourceFile, line: p.sourceLine } },
        facts: [fact], lineage: [], extractorVersion: "curated",
      };
      const active = await activeCurations(tx, [p.id]);
      const plain = toRows([{ facts }]);
      // Only the entity corrections: the paper's other confirmed or added facts are in the graph already.
      const rows = applyCurations(plain, active.filter((c) => c.action === "merge" || c.action === "split" || c.action === "kind"));
      const edge = Object.entries(rows.paperEdges).flatMap(([type, list]) => list.map((e) => ({ type, ...e })))[0];
      if (!edge) throw new Error("an added fact made no edge");
      const factId = String(edge.props.factId);
      const rejection = active.find((c) => c.action === "reject" && (c.factId === factId || c.factId === String(plain.paperEdges[edge.type as PaperEdgeType][0]?.props.factId)));
      if (rejection) throw new CurationError(`that fact was rejected (curation ${rejection.id}); undo the rejection instead`, "input");
      const stored: StoredFact = { edge: { ...edge, props: { ...edge.props, confirmed: true } }, entities: rows.entities };
      await writeStored(tx, [stored]);
      return this.record(tx, { action: "add", reason, factId, paper: p.id, fact: JSON.stringify(stored), entity: edge.entity });
    });
  }

  mergeEntities(intoId: string, fromId: string, reason: string | null): Promise<CurationRecord> {
    if (intoId === fromId) throw new CurationError("into and from are the same entity", "from");
    return this.tx(`mergeEntities ${fromId} -> ${intoId}`, async (tx) => {
      const into = await readEntity(tx, intoId, "into");
      const from = await readEntity(tx, fromId, "from");
      return this.merge(tx, "merge", from, into, false, reason);
    });
  }

  setEntityKind(id: string, kind: EntityKind, reason: string | null): Promise<CurationRecord> {
    return this.tx(`setEntityKind ${id}`, async (tx) => {
      const from = await readEntity(tx, id, "id");
      if (from.kind === kind) throw new CurationError(`${id} already is a ${kind}`, "kind");
      const targetId = `${kind.toLowerCase()}:${from.key}`;
      const [existing] = await run<{ entity: EntitySnapshot }>(tx, "mutation/curation-read-entity", { id: targetId });
      if (!existing) {
        await run(tx, "write/merge-entities", { rows: [{ id: targetId, key: from.key, name: from.name, kind, aliases: [], aliasKeys: [] }], now: new Date().toISOString() });
      }
      const into = existing?.entity ?? { ...from, id: targetId, kind, aliases: [], aliasKeys: [], nameCurated: false };
      return this.merge(tx, "kind", from, into, !existing, reason);
    });
  }

  splitAlias(entityId: string, alias: string, reason: string | null): Promise<CurationRecord> {
    const aliasKey = nameKey(alias);
    return this.tx(`splitAlias ${entityId} ${alias}`, async (tx) => {
      const e = await readEntity(tx, entityId, "entity");
      if (!aliasKey) throw new CurationError("alias must name something (letters or digits)", "alias");
      // An entity is its key: spellings that differ only in case, spaces or punctuation are the entity itself.
      if (aliasKey === e.key) {
        throw new CurationError(`"${alias}" spells ${e.name} itself (case, spaces and punctuation aside), so it cannot be split off; renameEntity changes how the name is written`, "alias");
      }
      if (!e.aliases.some((a) => nameKey(a) === aliasKey) && !e.aliasKeys.includes(aliasKey)) {
        throw new CurationError(`"${alias}" is not an alias of ${e.name} (aliases: ${e.aliases.join(", ") || "none"})`, "alias");
      }
      const newId = `${e.kind.toLowerCase()}:${aliasKey}`;
      const [existing] = await run<{ entity: EntitySnapshot }>(tx, "mutation/curation-read-entity", { id: newId });
      const name = e.aliases.find((a) => nameKey(a) === aliasKey) ?? alias;
      if (!existing) await run(tx, "write/merge-entities", { rows: [{ id: newId, key: aliasKey, name, kind: e.kind, aliases: [], aliasKeys: [] }], now: new Date().toISOString() });
      const mentions = (await run<{ mention: string | null }>(tx, "mutation/curation-entity-mentions", { id: e.id }))
        .map((m) => m.mention).filter((m): m is string => !!m && nameKey(m) === aliasKey);
      await run(tx, "mutation/curation-move-edges", { from: e.id, into: newId, only: null, mentions, stamp: e.id });
      await run(tx, "mutation/curation-set-entity", {
        id: e.id, name: e.name, nameCurated: e.nameCurated,
        aliases: e.aliases.filter((a) => nameKey(a) !== aliasKey), aliasKeys: e.aliasKeys.filter((k) => k !== aliasKey),
      });
      await settleEntities(tx, [e.id, newId]);
      const target = { id: newId, key: aliasKey, name: existing?.entity.name ?? name, kind: e.kind };
      return this.record(tx, {
        action: "split", reason, entity: e.id, alias: name, aliasKey, into: newId, intoEntity: JSON.stringify(target),
        before: JSON.stringify({ entity: e }), created: !existing,
      });
    });
  }

  renameEntity(id: string, name: string, reason: string | null): Promise<CurationRecord> {
    const clean = name.trim();
    return this.tx(`renameEntity ${id}`, async (tx) => {
      const e = await readEntity(tx, id, "id");
      if (clean === e.name) throw new CurationError(`${id} is already named "${clean}"`, "name");
      // The name finds the entity whose key it is before any alias holder (technique(name)), so a
      // rename onto another entity's name would leave this one unreachable by its new name.
      const key = nameKey(clean);
      const [holder] = key && key !== e.key ? await run<{ entity: EntitySnapshot }>(tx, "mutation/curation-read-entity", { id: `${e.kind.toLowerCase()}:${key}` }) : [];
      if (holder) {
        throw new CurationError(`"${clean}" is the name of ${holder.entity.id}; mergeEntities(into: "${holder.entity.id}", from: "${id}") makes them one entity`, "name");
      }
      const aliases = withAlias(e.aliases, e.name, clean);
      const aliasKeys = [...new Set([...e.aliasKeys, e.key, nameKey(clean)])].filter((k) => k && k !== e.key).sort(cmp);
      await run(tx, "mutation/curation-set-entity", { id, name: clean, nameCurated: true, aliases, aliasKeys });
      return this.record(tx, { action: "rename", reason, entity: id, name: clean, before: JSON.stringify({ entity: e }) });
    });
  }

  undo(id: string): Promise<CurationRecord> {
    return this.tx(`undoCuration ${id}`, async (tx) => {
      const [row] = await run<{ curation: CurationRecord }>(tx, "mutation/curation-get", { id });
      if (!row) throw new CurationError(`no curation with id ${id}`, "id");
      const c = row.curation;
      if (c.undoneAt) throw new CurationError(`curation ${id} was already undone (${c.undoneAt} by ${c.undoneBy})`, "id");
      if (c.action === "merge" || c.action === "kind" || c.action === "split") {
        // The entity this one made or fed was merged on (or changed kind) since: its facts are that
        // entity's now, and the later correction's undo is what knows which they are.
        const [row] = await run<{ curation: { id: string; action: string; into: string } }>(tx, "mutation/curation-later-merge", { from: c.into, after: c.id });
        const later = row?.curation;
        if (later) {
          throw new CurationError(`${c.into} was since ${later.action === "kind" ? "changed" : "merged"} into ${later.into} (curation ${later.id}); undo that first`, "id");
        }
      }
      // A fact correction acts on the fact where the entity corrections made since moved it (a merge,
      // kind change or split of its entity), as the next re-extraction would place it.
      const stored = c.fact ? await placedNow(tx, JSON.parse(c.fact) as StoredFact) : null;
      switch (c.action) {
        case "confirm": {
          if (stored) await run(tx, "mutation/curation-mark-fact", { ...refParams(parseFactId(String(stored.edge.props.factId))!), confirmed: null });
          break;
        }
        case "reject": {
          if (stored && !(await addedAndWithdrawn(tx, stored))) await writeStored(tx, [stored]);
          break;
        }
        case "add": {
          if (!stored) break;
          await run(tx, "mutation/curation-delete-fact", refParams(parseFactId(String(stored.edge.props.factId))!));
          await settle(tx, [c.paper!], stored.entities.map((e) => e.id));
          await run(tx, "write/delete-orphan-entities", { ids: stored.entities.map((e) => e.id).sort(cmp) });
          break;
        }
        case "merge":
        case "kind": {
          const before = JSON.parse(c.before!) as { from: EntitySnapshot; into: EntitySnapshot };
          const f = before.from;
          await run(tx, "write/merge-entities", { rows: [{ id: f.id, key: f.key, name: f.name, kind: f.kind, aliases: f.aliases, aliasKeys: f.aliasKeys }], now: new Date().toISOString() });
          await run(tx, "mutation/curation-set-entity", { id: f.id, name: f.name, nameCurated: f.nameCurated, aliases: f.aliases, aliasKeys: f.aliasKeys });
          const [into] = await run<{ entity: EntitySnapshot }>(tx, "mutation/curation-read-entity", { id: c.into });
          if (into) {
            await run(tx, "mutation/curation-move-edges", { from: c.into, into: f.id, only: await originsOf(tx, f.id, c.id), mentions: null, stamp: null });
            const i = before.into;
            if (!c.created) await run(tx, "mutation/curation-set-entity", { id: i.id, name: into.entity.nameCurated && into.entity.name !== i.name ? into.entity.name : i.name, nameCurated: into.entity.nameCurated, aliases: i.aliases, aliasKeys: i.aliasKeys });
          }
          await settleEntities(tx, [f.id, c.into!]);
          if (c.created) await run(tx, "write/delete-orphan-entities", { ids: [c.into!] });
          break;
        }
        case "split": {
          const before = JSON.parse(c.before!) as { entity: EntitySnapshot };
          const e = before.entity;
          const [now] = await run<{ entity: EntitySnapshot }>(tx, "mutation/curation-read-entity", { id: e.id });
          if (now) {
            await run(tx, "mutation/curation-move-edges", { from: c.into, into: e.id, only: await originsOf(tx, e.id, c.id), mentions: null, stamp: null });
            await run(tx, "mutation/curation-set-entity", {
              id: e.id, name: now.entity.name, nameCurated: now.entity.nameCurated,
              aliases: [...new Set([...now.entity.aliases, c.alias!])].sort(cmp), aliasKeys: [...new Set([...now.entity.aliasKeys, c.aliasKey!])].sort(cmp),
            });
          }
          await settleEntities(tx, [e.id, c.into!]);
          if (c.created) await run(tx, "write/delete-orphan-entities", { ids: [c.into!] });
          break;
        }
        case "rename": {
          const e = (JSON.parse(c.before!) as { entity: EntitySnapshot }).entity;
          const [now] = await run<{ entity: EntitySnapshot }>(tx, "mutation/curation-read-entity", { id: e.id });
          if (now) {
            const aliases = now.entity.aliases.filter((a) => a !== e.name || e.aliases.includes(a));
            const extra = c.name && !e.aliases.includes(c.name) ? aliases.filter((a) => a !== c.name) : aliases;
            await run(tx, "mutation/curation-set-entity", {
              id: e.id, name: e.name, nameCurated: e.nameCurated, aliases: [...new Set([...extra, ...e.aliases])].sort(cmp),
              aliasKeys: [...new Set([...now.entity.aliasKeys.filter((k) => k !== nameKey(c.name ?? "") || e.aliasKeys.includes(k)), ...e.aliasKeys])].filter((k) => k !== e.key).sort(cmp),
            });
          }
          break;
        }
      }
      const [done] = await run<{ curation: CurationRecord }>(tx, "mutation/curation-undone", { id, at: new Date().toISOString(), who: this.who });
      return done!.curation;
    });
  }

  private async merge(tx: Tx, action: "merge" | "kind", from: EntitySnapshot, into: EntitySnapshot, created: boolean, reason: string | null): Promise<CurationRecord> {
    await run(tx, "mutation/curation-move-edges", { from: from.id, into: into.id, only: null, mentions: null, stamp: from.id });
    const aliases = [...new Set([...into.aliases, from.name, ...from.aliases])].filter((a) => a !== into.name).sort(cmp);
    const aliasKeys = [...new Set([...into.aliasKeys, from.key, ...from.aliasKeys])].filter((k) => k && k !== into.key).sort(cmp);
    await run(tx, "mutation/curation-set-entity", { id: into.id, name: into.name, nameCurated: into.nameCurated, aliases, aliasKeys });
    await run(tx, "mutation/curation-delete-entity", { id: from.id });
    await settleEntities(tx, [into.id]);
    const target = { id: into.id, key: into.key, name: into.name, kind: into.kind };
    return this.record(tx, {
      action, reason, from: from.id, into: into.id, entity: into.id, kind: into.kind, intoEntity: JSON.stringify(target),
      before: JSON.stringify({ from, into }), created,
    });
  }

  private async record(tx: Tx, props: Omit<CurationRecord, "id" | "who" | "at">): Promise<CurationRecord> {
    const now = new Date();
    const full = Object.fromEntries(Object.entries({ ...props, id: newId(now), who: this.who, at: now.toISOString() }).filter(([, v]) => v !== undefined && v !== null));
    const [row] = await run<{ curation: CurationRecord }>(tx, "mutation/curation-create", { props: full });
    return row!.curation;
  }

  /**
   * One transaction per correction, run after every other correction in flight (mutation/curation-lock).
   * It also forgets the counts the derived data were refreshed from (write/mark-derived): the caller
   * refreshes them once this commits, and if that fails, the next ingest sees them stale and
   * refreshes them, even one that writes nothing (a rename changes no count).
   */
  private tx<T>(label: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.writeTx(async (tx) => {
      await run(tx, "mutation/curation-lock", { now: new Date().toISOString() });
      const result = await work(tx);
      await run(tx, "write/mark-derived", { counts: null, topics: false });
      return result;
    }, { label, ...(this.timeoutMs ? { timeoutMs: this.timeoutMs } : {}) });
  }
}

function factRef(factId: string): FactRef {
  const ref = parseFactId(factId);
  if (!ref) throw new CurationError(`"${factId}" is not a fact id (Evidence.factId, e.g. "p_0123456789abcdef|compares_to|technique:vllm")`, "factId");
  return ref;
}

function refParams(ref: FactRef) {
  return "entity" in ref
    ? { paper: ref.paper, fact: ref.fact, entity: ref.entity, from: null, to: null }
    : { paper: ref.paper, fact: null, entity: null, from: ref.from, to: ref.to };
}

async function readFact(tx: Tx, ref: FactRef, factId: string): Promise<StoredFact> {
  const [row] = await run<{ type: string; props: Record<string, unknown>; entities: EntityRow[] }>(tx, "mutation/curation-read-fact", refParams(ref));
  if (!row) throw new CurationError(`no fact ${factId} in the graph (rejected already, or never extracted)`, "factId");
  const base = { type: row.type, paper: ref.paper, props: row.props as PaperEdgeRow["props"] };
  const edge = "entity" in ref ? { ...base, entity: ref.entity, fact: ref.fact } : { ...base, from: ref.from, to: ref.to };
  return { edge: edge as StoredFact["edge"], entities: row.entities.map((e) => ({ ...e, aliases: e.aliases ?? [], aliasKeys: e.aliasKeys ?? [] })) };
}

async function readEntity(tx: Tx, id: string, argument: string): Promise<EntitySnapshot> {
  if (!kindOfEntityId(id)) throw new CurationError(`"${id}" is not an entity id (Entity.id, e.g. "technique:flashattention")`, argument);
  const [row] = await run<{ entity: EntitySnapshot }>(tx, "mutation/curation-read-entity", { id });
  if (!row) throw new CurationError(`no entity with id ${id}`, argument);
  return row.entity;
}

/** The active corrections for these papers and every entity correction (as the write path reads them). */
async function activeCurations(tx: Tx, papers: string[]): Promise<ActiveCuration[]> {
  return (await run<{ curation: ActiveCuration }>(tx, "write/find-curations", { papers })).map((r) => r.curation);
}

/**
 * Whether a fact is one a person added (rule "curated") and no active addition holds it any more:
 * extraction never found it, so undoing its rejection has nothing to bring back.
 */
async function addedAndWithdrawn(tx: Tx, stored: StoredFact): Promise<boolean> {
  if (stored.edge.props.rule !== "curated") return false;
  for (const c of await activeCurations(tx, [stored.edge.paper])) {
    if (c.action !== "add" || !c.fact) continue;
    const placed = await placedNow(tx, JSON.parse(c.fact) as StoredFact);
    if (placed && placed.edge.props.factId === stored.edge.props.factId) return false;
  }
  return true;
}

/**
 * The entities whose facts are this one's by the active merges and kind changes (besides the one
 * being undone), itself included: the curatedFrom marks of the edges an undo takes back to it.
 */
async function originsOf(tx: Tx, id: string, undoing: string): Promise<string[]> {
  const redirects = new Map((await activeCurations(tx, []))
    .filter((c) => (c.action === "merge" || c.action === "kind") && c.id !== undoing && c.from && c.into)
    .map((c) => [c.from!, c.into!]));
  const resolve = (x: string) => {
    let cur = x;
    for (let i = 0; i < 20 && redirects.has(cur); i++) cur = redirects.get(cur)!;
    return cur;
  };
  return [id, ...[...redirects.keys()].filter((x) => resolve(x) === id)].sort(cmp);
}

/**
 * A stored fact as the active entity corrections place it now (merged, kind-changed or split off to
 * another entity: its entity, fact id and curatedFrom mark, as applyCurations places it at ingest),
 * or null when they make it nothing (a builds-on edge whose two ends were merged into one).
 */
async function placedNow(tx: Tx, stored: StoredFact): Promise<StoredFact | null> {
  const active = (await activeCurations(tx, [stored.edge.paper])).filter((c) => c.action === "merge" || c.action === "split" || c.action === "kind");
  if (active.length === 0) return stored;
  const { type, ...row } = stored.edge;
  const lineage = type === "BUILDS_ON";
  const rows: BatchRows = {
    papers: [stored.edge.paper],
    entities: stored.entities.map((e) => ({ ...e, aliases: [...e.aliases], aliasKeys: [...e.aliasKeys] })),
    paperEdges: { INTRODUCES: [], USES: [], COMPARES_TO: [], EVALUATED_ON: [], ...(lineage ? {} : { [type]: [row as PaperEdgeRow] }) },
    lineage: lineage ? [row as LineageRow] : [],
    mentions: [],
  };
  const placed = applyCurations(rows, active);
  const edge = lineage ? placed.lineage[0] : placed.paperEdges[type as PaperEdgeType][0];
  return edge ? { edge: { type, ...edge }, entities: placed.entities } : null;
}

/** Writes stored facts back (undoing a rejection, adding a fact) with the ingest's own statements. */
async function writeStored(tx: Tx, facts: readonly StoredFact[]): Promise<void> {
  const entities = [...new Map(facts.flatMap((f) => f.entities).map((e) => [e.id, e])).values()].sort((a, b) => cmp(a.id, b.id));
  await run(tx, "write/merge-entities", { rows: entities, now: new Date().toISOString() });
  for (const { edge } of facts) {
    const { type, ...row } = edge;
    const name = type === "BUILDS_ON" ? "write/merge-builds-on" : EDGE_STATEMENT[type as PaperEdgeType];
    await run(tx, name, { rows: [row as PaperEdgeRow | LineageRow] });
  }
  await settle(tx, [...new Set(facts.map((f) => f.edge.paper))], entities.map((e) => e.id));
}

/** After a paper's facts changed: its mentions, inferred citations and the Notable label of the entities. */
async function settle(tx: Tx, papers: string[], entities: string[]): Promise<void> {
  const ids = [...new Set(entities)].sort(cmp);
  await run(tx, "mutation/curation-fix-mentions", { ids });
  await run(tx, "mutation/curation-drop-inferred", { ids: papers });
  await run(tx, "write/infer-citations", { ids: papers });
  await run(tx, "write/mark-notable", { ids });
}

/** After facts moved between entities: the same, for every paper mentioning them. */
async function settleEntities(tx: Tx, entities: string[]): Promise<void> {
  await run(tx, "mutation/curation-fix-mentions", { ids: entities });
  const papers = (await run<{ id: string }>(tx, "mutation/curation-entity-papers", { ids: entities })).map((r) => r.id);
  if (papers.length) {
    await run(tx, "mutation/curation-drop-inferred", { ids: papers });
    await run(tx, "write/infer-citations", { ids: papers });
  }
  await run(tx, "write/mark-notable", { ids: entities });
}

function withAlias(aliases: readonly string[], oldName: string, newName: string): string[] {
  return [...new Set([...aliases, oldName])].filter((a) => a !== newName).sort(cmp);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export { ENTITY_KINDS, FACT_KINDS, factIdOf };
