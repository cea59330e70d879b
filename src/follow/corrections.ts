// Corrections as news for followers. A curator adding "P builds on FlashAttention", rejecting a
// wrong comparison with vLLM, or merging two spellings of FlashAttention changes what a follower of
// those entities reads, though no paper is new; so `changes`, the digest and the feeds list every
// correction made or undone in the period that touches a followed entity (read/changes,
// read/entity-corrections), once, by its latest moment, with what it did over the period:
//   added    a fact about the entity is in the graph that was not (addFact, or a rejection undone)
//   removed  a fact about it left the graph (rejectFact, or an addition undone)
//   changed  the entity was merged, renamed, split or given another kind
//   undone   such an entity correction was undone
//   none     made and undone within the period: it changed nothing
// A correction made before the period and undone in it is news of its undoing; confirmations change
// nothing a follower reads and are left out. Pure: rows in, records out.
import { kindOfEntityId, type EntityKind } from "../domain";
import type { CurationRecord } from "../curation/curate";
import type { StoredFact } from "../ingest/write/curate";
import type { EdgeRecord } from "../api/model";
import type { ChangedEntity, ChangedPaper, FactChange, FactChangeKind } from "./changes";

export const CORRECTION_EFFECTS = ["added", "removed", "changed", "undone", "none"] as const;
export type CorrectionEffect = (typeof CORRECTION_EFFECTS)[number];

export interface FollowedCorrection {
  /** The correction as stored (who, when, why, whether and by whom it was undone). */
  readonly curation: CurationRecord;
  /** Its latest moment in the period: when it was undone, else when it was made (ISO 8601). */
  readonly at: string;
  readonly effect: CorrectionEffect;
  /** For addFact and rejectFact: the fact, shaped like a new paper's; null for entity corrections (or when its paper is gone). */
  readonly fact: FactChange | null;
  /** One line for people, without the reason: "fact added by alice: "P" builds on FlashAttention". */
  readonly headline: string;
  /** The headline with the curator's reason, for a correction that still holds. */
  readonly summary: string;
}

/** What read/changes and read/entity-corrections return for one followed entity. */
export interface CorrectionsRow {
  /** The entity's id, or the followed name's key when it finds no entity. */
  id: string;
  total: number;
  corrections: { curation: CurationRecord; paper: ChangedPaper | null }[];
}

/**
 * The rows of one entity as news, newest first; `entity` is the followed entity as it is now (its name
 * may be a curated one), null when the followed name finds none any more.
 */
export function followedCorrections(row: CorrectionsRow | undefined, since: string, entity: ChangedEntity | null): FollowedCorrection[] {
  return (row?.corrections ?? [])
    .map(({ curation, paper }) => correction(curation, paper, since, entity))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.curation.id < b.curation.id ? 1 : -1));
}

function correction(c: CurationRecord, paper: ChangedPaper | null, since: string, entity: ChangedEntity | null): FollowedCorrection {
  const made = c.at >= since;
  const undone = !!c.undoneAt && c.undoneAt >= since;
  const effect = effectOf(c, made, undone);
  const fact = c.action === "add" || c.action === "reject" ? factOf(c, paper, entity) : null;
  const headline = headlineOf(c, made, undone, fact);
  const summary = c.reason && !c.undoneAt ? `${headline} (${c.reason})` : headline;
  return { curation: c, at: undone ? c.undoneAt! : c.at, effect, fact, headline, summary };
}

function effectOf(c: CurationRecord, made: boolean, undone: boolean): CorrectionEffect {
  if (made && undone) return "none";
  if (c.action === "add") return made ? "added" : "removed";
  if (c.action === "reject") return made ? "removed" : "added";
  return made ? "changed" : "undone";
}

/** The fact a fact correction names, from the edge it stored (src/curation/curate.ts StoredFact). */
function factOf(c: CurationRecord, paper: ChangedPaper | null, followed: ChangedEntity | null): FactChange | null {
  if (!c.fact || !paper) return null;
  const stored = JSON.parse(c.fact) as StoredFact;
  const entities = new Map<string, ChangedEntity>(stored.entities.map((e) => [e.id, { id: e.id, name: e.name, kind: e.kind as EntityKind, key: e.key, aliases: e.aliases ?? [] }]));
  if (followed) entities.set(followed.id, followed);
  const entityOf = (id: string): ChangedEntity => entities.get(id) ?? { id, name: id.slice(id.indexOf(":") + 1), kind: kindOfEntityId(id) ?? "Technique", key: id.slice(id.indexOf(":") + 1), aliases: [] };
  const p = stored.edge.props;
  const num = (v: unknown) => (typeof v === "number" ? v : null);
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  const evidence: EdgeRecord = {
    paper: paper.id, sentence: str(p.sentence) ?? "", rule: str(p.rule), confidence: num(p.confidence), field: str(p.field),
    start: num(p.start), end: num(p.end), claim: str(p.claim), factId: c.factId ?? null, confirmed: p.confirmed === true ? true : null,
  };
  const edge = stored.edge;
  if ("entity" in edge) {
    return { kind: paperFactKind(edge.type, edge.fact), paper, source: null, target: entityOf(edge.entity), evidence };
  }
  return { kind: "builds_on", paper, source: entityOf(edge.from), target: entityOf(edge.to), evidence };
}

function paperFactKind(type: string, fact: string): FactChangeKind {
  switch (type) {
    case "INTRODUCES": return "introduces";
    case "COMPARES_TO": return "compares_to";
    case "EVALUATED_ON": return "hardware";
    default: return fact === "builds_on" ? "builds_on" : "uses";
  }
}

const VERB: { readonly [K in FactChangeKind]: string } = {
  introduces: "introduces", builds_on: "builds on", compares_to: "compares to", uses: "uses", hardware: "runs on",
};

/** "\"Paper title\" compares to vLLM (2x faster)", or "FlexAttention builds on FlashAttention (\"Paper title\")". */
export function correctedFactText(f: FactChange): string {
  const claim = f.kind === "compares_to" && f.evidence.claim ? ` (${f.evidence.claim})` : "";
  return f.source
    ? `${f.source.name} ${VERB[f.kind]} ${f.target.name}${claim} ("${f.paper.title}")`
    : `"${f.paper.title}" ${VERB[f.kind]} ${f.target.name}${claim}`;
}

interface Snapshot { name: string; kind?: string }

function headlineOf(c: CurationRecord, made: boolean, undone: boolean, fact: FactChange | null): string {
  const by = `by ${c.who}`;
  const undoneBy = `undone by ${c.undoneBy ?? "someone"}`;
  // What it did ("fact added", "X merged into Y"), and its name as a thing undone ("addition", "merge of X into Y").
  const [did, noun, detail] = describe(c, fact);
  const text = made && undone ? `${did} ${by} and ${undoneBy}` : made ? `${did} ${by}` : `${noun} ${undoneBy}`;
  return detail ? `${text}: ${detail}` : text;
}

function describe(c: CurationRecord, fact: FactChange | null): [string, string, string | null] {
  const before = c.before ? (JSON.parse(c.before) as { from?: Snapshot; into?: Snapshot; entity?: Snapshot }) : {};
  const detail = fact ? correctedFactText(fact) : c.factId ?? null;
  switch (c.action) {
    case "add": return ["fact added", "addition", detail];
    case "reject": return ["fact rejected", "rejection", detail];
    case "confirm": return ["fact confirmed", "confirmation", detail];
    case "merge": {
      const from = before.from?.name ?? c.from ?? "?";
      const into = before.into?.name ?? c.into ?? "?";
      return [`${from} merged into ${into}`, `merge of ${from} into ${into}`, null];
    }
    case "kind": {
      const name = before.from?.name ?? c.from ?? "?";
      const was = (before.from?.kind ?? "").toLowerCase();
      const now = (c.kind ?? "").toLowerCase();
      return [`${name} made a ${now}${was ? ` (was a ${was})` : ""}`, `change of ${name} to a ${now}`, null];
    }
    case "rename": {
      const old = before.entity?.name ?? c.entity ?? "?";
      return [`${old} renamed to ${c.name}`, `renaming of ${old} to ${c.name}`, null];
    }
    case "split": {
      const of = before.entity?.name ?? c.entity ?? "?";
      return [`"${c.alias}" split off ${of}`, `split of "${c.alias}" off ${of}`, null];
    }
  }
}
