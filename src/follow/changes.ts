// "What changed since": the papers techtree stored after a moment, the ingest runs that brought them,
// and, for each followed entity, the facts those papers state about it. One read model behind the
// changes query (src/api/fields/changes.ts), the Atom feeds (src/follow/atom.ts) and
// `techtree digest` (src/follow/digest.ts). A paper is new from the moment techtree first stored it
// (Paper.addedAt); re-extracting it later (a changed abstract, a new extractor) does not make its
// facts new again, so an upgrade does not flood every feed. What people correct is news, though: the
// corrections made or undone in the period that touch a followed entity come with it
// (src/follow/corrections.ts). A followed model's or chip's sizes (VARIANT_OF: Llama-2-7B of Llama 2)
// count as it unless includeVariants is false, as in the entity's own paper lists: following Llama 2,
// a new paper on Llama-2-7B is news, its fact naming the size, and so is a fact rejected on Llama-2-7B.
import { momentOf, nameLookup, type EntityKind, type NameLookup } from "../domain";
import type { Params } from "../graph/db";
import type { StatementName } from "../graph/statements";
import type { IngestRecord } from "../ingest/record";
import type { EdgeRecord, PaperRecord } from "../api/model";
import { fuzzyQuery, rankSuggestions, type Candidate } from "../api/suggest";
import { followedCorrections, type CorrectionsRow, type FollowedCorrection } from "./corrections";

/** What changes reads through: the API's Reader (timeouts, circuit breaker) or a Db. */
export interface ChangesReader {
  read<T>(name: StatementName, params?: Params): Promise<T[]>;
}

/**
 * A stored paper (src/api/model.ts PaperRecord) with the moment techtree first stored it (ISO 8601),
 * without its abstract: no feed or digest line shows it, and twenty abstracts were most of the bytes
 * a changes answer read; the API's Paper.abstract reads it when a query asks (fields/changes.ts).
 */
export interface ChangedPaper extends Omit<PaperRecord, "stub" | "abstract"> {
  addedAt: string;
}

export interface ChangedEntity {
  id: string;
  name: string;
  kind: EntityKind;
  key: string;
  aliases: string[] | null;
}

/**
 * What a new paper states about a followed entity. introduces, compares_to, uses and hardware are the
 * paper's own edges (source null, target the entity it points at); builds_on is either the paper
 * building on the target (source null) or an entity it introduces building on the target (source).
 * A hardware fact whose target is not the followed entity is the hardware a paper about it runs on.
 */
export const FACT_CHANGE_KINDS = ["introduces", "builds_on", "compares_to", "uses", "hardware"] as const;
export type FactChangeKind = (typeof FACT_CHANGE_KINDS)[number];

export interface FactChange {
  kind: FactChangeKind;
  paper: ChangedPaper;
  source: ChangedEntity | null;
  target: ChangedEntity;
  /** The evidence row; a comparison's carries its quantitative claim. */
  evidence: EdgeRecord;
}

export interface FollowedChanges {
  /** The name as it was asked for. */
  name: string;
  /**
   * Null when nothing by that name is in the graph (then suggestions may help); corrections then lists
   * those that touched an entity of that key, e.g. the one that took its last fact out of the graph.
   */
  entity: ChangedEntity | null;
  /**
   * The ids of the entity's sizes whose papers were read as its own (includeVariants), when the
   * period has papers about it; a fact whose target or source is one of them is about the entity.
   */
  variants: string[];
  suggestions: string[];
  /** Papers of the period that state something about it, in all; facts come from the newest `first` of them. */
  papers: number;
  facts: FactChange[];
  /** Corrections made or undone in the period that touch it, in all; corrections holds the newest `first`. */
  correctionCount: number;
  corrections: FollowedCorrection[];
}

export interface Changes {
  /** The start of the period (ISO 8601), as asked. */
  since: string;
  /** When this answer was read: pass it as since next time to get only what came after. */
  until: string;
  /** Ingest runs that finished in the period, newest first (at most `first`). */
  ingests: IngestRecord[];
  /** Papers stored in the period, all of them; papers holds the newest `first`. */
  paperCount: number;
  papers: ChangedPaper[];
  /** Corrections made or undone in the period, in all, whatever they touch (confirmations aside). */
  correctionCount: number;
  followed: FollowedChanges[];
}

export interface ChangesQuery {
  readonly since: Date;
  /** Entity names, any kind, matched like technique(name) (case, spaces and hyphens ignored; aliases known). */
  readonly follow: readonly string[];
  /** Cap on papers, ingests, and the papers and corrections read per followed entity. */
  readonly first: number;
  /** Whether a followed entity's sizes (its variants) count as it, for the facts and the corrections; default true. */
  readonly includeVariants?: boolean;
  /** The clock for `until` (tests). */
  readonly now?: Date;
}

/** At most this many names can be followed at once (each is one lookup). */
export const MAX_FOLLOW = 50;

export async function readChanges(reader: ChangesReader, q: ChangesQuery): Promise<Changes> {
  const until = (q.now ?? new Date()).toISOString();
  const since = q.since.toISOString();
  // One statement reads the papers added, the ingests, the followed names' entities, what the papers
  // say about them and the corrections touching them (read/changes); only a name that finds nothing
  // reads again (suggestions).
  const { keys, lookup } = followKeys(q.follow);
  const [row] = await reader.read<ChangesRow>("read/changes", { since, first: q.first, keys: lookup, variants: q.includeVariants ?? true });
  const added = row?.added ?? 0;
  const found: FoundNames = { names: q.follow, keys, byKey: new Map((row?.found ?? []).map((r) => [r.key, r.entity])) };
  const followed = await followedFrom(reader, found, since, row?.followed ?? [], row?.corrections ?? []);
  return { since, until, ingests: row?.ingests ?? [], paperCount: added, papers: row?.page ?? [], correctionCount: row?.correctionCount ?? 0, followed };
}

/** What read/changes returns. */
interface ChangesRow {
  added: number;
  page: ChangedPaper[];
  ingests: IngestRecord[];
  found: { key: string; entity: ChangedEntity | null }[];
  followed: FactsRow[];
  correctionCount: number;
  corrections: CorrectionsRow[];
}

/** What the papers of the period state about one followed entity (read/entity-changes, read/changes). */
interface FactsRow {
  id: string;
  /** The ids of its sizes read with it (includeVariants). */
  variants: string[];
  total: number;
  facts: FactChange[];
}

/** "More papers than any entity has": the read then starts from the entity. */
const ANY = 2_000_000_000;

/** What readFollowed reads: the names, period, cap and sizes of a ChangesQuery, and what the caller knows of the period. */
export interface FollowedQuery extends Omit<ChangesQuery, "now"> {
  /**
   * How many papers were stored since `since`, when the caller has counted them: the read then starts
   * from the new papers when they are fewer than an entity's. Absent, it starts from the entity.
   */
  readonly added?: number;
}

/**
 * The followed names resolved to entities (unknown ones with suggestions), then what the papers
 * stored since `since` state about them, at most `first` papers each, in one read, and the
 * corrections made or undone since that touch them, at most `first` each, in another; with
 * includeVariants (the default) an entity's sizes count as it in both. The feeds' read
 * (src/api/feeds.ts); changes and the digest read the same in one statement (readChanges).
 */
export async function readFollowed(reader: ChangesReader, q: FollowedQuery): Promise<FollowedChanges[]> {
  return followedChanges(reader, await findFollowed(reader, q.follow), q);
}

/** Followed names and the entities they name (null: none by that name). */
interface FoundNames {
  names: readonly string[];
  keys: string[];
  byKey: Map<string, ChangedEntity | null>;
}

/**
 * Each followed name's key, in order, and the distinct non-empty names a statement looks up, with
 * their singular keys: "A100s" follows the A100 when no entity is named or aliased "A100s", as
 * hardware(name: "A100s") finds it.
 */
function followKeys(names: readonly string[]): { keys: string[]; lookup: NameLookup[] } {
  const lookups = names.map(nameLookup);
  return { keys: lookups.map((l) => l.key), lookup: [...new Map(lookups.filter((l) => l.key).map((l) => [l.key, l])).values()] };
}

async function findFollowed(reader: ChangesReader, names: readonly string[]): Promise<FoundNames> {
  const { keys, lookup } = followKeys(names);
  const found = names.length === 0 ? [] : await reader.read<{ key: string; entity: ChangedEntity | null }>("read/find-entities", { keys: lookup });
  return { names, keys, byKey: new Map(found.map((r) => [r.key, r.entity])) };
}

async function followedChanges(reader: ChangesReader, found: FoundNames, q: FollowedQuery): Promise<FollowedChanges[]> {
  if (found.names.length === 0) return [];
  const since = q.since.toISOString();
  const { first } = q;
  const added = q.added ?? ANY;
  const variants = q.includeVariants ?? true;
  const ids = [...new Set([...found.byKey.values()].filter((e): e is ChangedEntity => e !== null).map((e) => e.id))];
  const rows = ids.length && added > 0 ? await reader.read<FactsRow>("read/entity-changes", { ids, since, added, first, variants }) : [];
  // A name that finds nothing may name an entity a correction took out of the graph: its key finds the correction.
  const keys = [...new Set(found.keys.filter((k) => k && !found.byKey.get(k)))];
  const corrections = ids.length || keys.length ? await reader.read<CorrectionsRow>("read/entity-corrections", { ids, keys, since, first, variants }) : [];
  return followedFrom(reader, found, since, rows, corrections);
}

/**
 * Each followed name with its entity, facts and corrections (rows by entity id), or, when no entity has
 * the name, with suggestions and the corrections that touched an entity of its key (rows by key).
 */
async function followedFrom(
  reader: ChangesReader, { names, keys, byKey }: FoundNames, since: string, rows: readonly FactsRow[], corrected: readonly CorrectionsRow[],
): Promise<FollowedChanges[]> {
  const facts = new Map(rows.map((r) => [r.id, { ...r, facts: sortFacts(r.facts) }]));
  const corrections = new Map(corrected.map((r) => [r.id, r]));
  return Promise.all(names.map(async (name, i): Promise<FollowedChanges> => {
    const entity = byKey.get(keys[i]!) ?? null;
    if (!entity) {
      const gone = corrections.get(keys[i]!);
      return {
        name, entity: null, variants: [], suggestions: await suggestNames(reader, name), papers: 0, facts: [],
        correctionCount: gone?.total ?? 0, corrections: followedCorrections(gone, since, null),
      };
    }
    const row = facts.get(entity.id);
    const fixes = corrections.get(entity.id);
    return {
      name, entity, variants: row?.variants ?? [], suggestions: [], papers: row?.total ?? 0, facts: row?.facts ?? [],
      correctionCount: fixes?.total ?? 0, corrections: followedCorrections(fixes, since, entity),
    };
  }));
}

const KIND_ORDER: { readonly [K in FactChangeKind]: number } = { introduces: 0, builds_on: 1, compares_to: 2, uses: 3, hardware: 4 };

/** Newest paper first (as read), and within a paper in reading order: introduces, builds on, compares to, uses, runs on. */
function sortFacts(facts: FactChange[]): FactChange[] {
  const paperRank = new Map<string, number>();
  for (const f of facts) if (!paperRank.has(f.paper.id)) paperRank.set(f.paper.id, paperRank.size);
  return facts
    .map((f, i) => ({ f, i }))
    .sort((a, b) => paperRank.get(a.f.paper.id)! - paperRank.get(b.f.paper.id)! || KIND_ORDER[a.f.kind] - KIND_ORDER[b.f.kind] || a.i - b.i)
    .map(({ f }) => f);
}

/**
 * Whether a fact is about a followed entity itself (one of `ids`: the entity and the sizes read with
 * it, followedIds), rather than the hardware a paper about it runs on.
 */
export function isDirect(f: FactChange, ids: ReadonlySet<string>): boolean {
  return ids.has(f.target.id) || (f.source !== null && ids.has(f.source.id));
}

/** The followed entity's id and its sizes' read with it (none when nothing by the name is in the graph). */
export function followedIds(f: FollowedChanges): Set<string> {
  return new Set(f.entity ? [f.entity.id, ...f.variants] : []);
}

/** The closest names in the graph to one that is not (the asked-for kind first on ties). */
export async function suggestNames(reader: ChangesReader, name: string, kind: EntityKind | null = null): Promise<string[]> {
  const query = fuzzyQuery(name);
  const candidates = query ? await reader.read<Candidate>("read/suggest-entities", { query }) : [];
  return rankSuggestions(name, kind, candidates).map((s) => s.name);
}

const UNITS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/**
 * The start of the period: a span back from now ("30m", "12h", "7d", "2w") or a moment ("2026-12-01",
 * "2026-12-01T09:00:00Z"; a day alone is its start in UTC). Null when the text is neither.
 */
export function parseSince(text: string, now: Date): Date | null {
  const span = /^(\d{1,5})\s*([mhdw])$/i.exec(text.trim());
  if (span) return new Date(now.getTime() - Number(span[1]) * UNITS[span[2]!.toLowerCase()]!);
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/i.test(t)) return null;
  return momentOf(t);
}

/** Parses a list of followed names given as one comma-separated string ("FlashAttention, vLLM"). */
export function followList(text: string): string[] {
  return text.split(",").map((s) => s.trim()).filter(Boolean);
}
