// Per-request DataLoaders: nested fields batch into one statement per level, never one per parent.
// Fields with arguments (pages, first) get one loader per distinct argument set, made on demand.
import DataLoader from "dataloader";
import type { NameLookup } from "../domain";
import type { LevelRow, LineageDirection } from "../graph/lineage";
import type { StatementName } from "../graph/statements";
import type { EdgeRecord, EntityRecord, LineageRow, PaperBrief, PaperFactRow, PaperMetadata, PaperRecord, RelatedRow, TimelinePoint } from "./model";
import type { SinceParams } from "./dates";
import type { Page, PageRows } from "./paging";
import type { Reader } from "./reader";

/** A paper that is not in the graph (deleted since the list that named it was read) says nothing. */
const NO_METADATA: PaperMetadata = { sources: [], authors: [], categories: [], venue: null, arxivId: null, doi: null, s2Id: null, openalexId: null };

export interface Loaders {
  readonly paper: DataLoader<string, PaperRecord | null>;
  /** Only id, title and listingDate (read/paper-brief): for selections that ask no more (fields/papers.ts briefEnough). */
  readonly paperBrief: DataLoader<string, PaperBrief | null>;
  readonly paperFacts: DataLoader<string, PaperFactRow[]>;
  /** What each paper's sources say besides its text: source keys ("arxiv:2307.08691"), authors, categories, venue, ids. */
  readonly paperMetadata: DataLoader<string, PaperMetadata>;
  /** variants: also the papers of the entity's variants (VARIANT_OF), each once (Entity.papers includeVariants). */
  entityPapers(first: number, variants: boolean): DataLoader<string, PaperRecord[]>;
  timeline(variants: boolean): DataLoader<string, TimelinePoint[]>;
  entityPapersPage(page: Page, variants: boolean): DataLoader<string, PageRows<PaperRecord>>;
  /** Each entity's VARIANT_OF edges both ways: the entity it is a size of, and its sizes (read/entity-variants). */
  readonly variants: DataLoader<string, EntityVariants>;
  citations(direction: "in" | "out", page: Page): DataLoader<string, PageRows<PaperRecord>>;
  related(first: number): DataLoader<string, RelatedRow[]>;
  /** Walks of one shape (direction, depth, first, evidence, confidence floor) by root id. */
  lineage(walk: LineageWalk): DataLoader<string, LineageRow[]>;
  /**
   * An entity of `kind` by name key (or its singular, as read/find-entity), read with the first
   * level of `walk` in one statement (read/lineage-{down,up}-from-name); `lineage(walk)` then starts
   * that entity's walk from the level. Null when no entity has the name.
   */
  entityWithLineage(kind: string, name: NameLookup, walk: LineageWalk): Promise<EntityRecord | null>;
  /**
   * since: a bound on the comparing paper's datedOn (src/api/dates.ts sinceArg); none when both are null.
   * variants: also the papers that compare against one of the entity's variants (Comparison.entity names which).
   */
  comparedIn(first: number, minConfidence: number, since?: SinceParams, variants?: boolean): DataLoader<string, ComparedRow[]>;
  /**
   * Parts of one paper read together (read/paper-view), handed to the loaders that would read them
   * one by one, so its fields answer from them: the whole record, its facts, its related papers.
   */
  primePaper(id: string, parts: PaperParts): void;
}

/** An entity's VARIANT_OF edges: the entity it is a variant (a size) of, if any, and its variants by name key. */
export interface EntityVariants {
  variantOf: EntityRecord | null;
  variants: EntityRecord[];
}

const NO_VARIANTS: EntityVariants = { variantOf: null, variants: [] };

/** What read/paper-view read of one paper (a part not asked for is absent). */
export interface PaperParts {
  whole?: PaperRecord;
  facts?: readonly Omit<PaperFactRow, "id">[];
  related?: { first: number; rows: readonly RelatedRow[] };
}

/** What a lineage walk reads: "down" is what builds on the root, "up" what it builds on. */
export interface LineageWalk {
  direction: LineageDirection;
  maxDepth: number;
  first: number;
  evidence: boolean;
  minConfidence: number;
  /** Whether the entity's variants (VARIANT_OF: its sizes) count as the entity: the walk starts from it and them. */
  variants: boolean;
}

const FROM_NAME: { readonly [D in LineageDirection]: StatementName } = { down: "read/lineage-down-from-name", up: "read/lineage-up-from-name" };

const NO_SINCE: SinceParams = { since: null, sinceDay: null };

/** Entities mentioned by more papers than this do not link related papers (see read/paper-related). */
export const RELATED_MAX_DF = 1_000;

export interface ComparedRow {
  paper: PaperRecord;
  entity: EntityRecord;
  /** The COMPARES_TO edge, with its claim's parsed figure (write/rows: claimValue ...). */
  rel: EdgeRecord & { claimValue?: number | null; claimUnit?: string | null; claimDirection?: string | null; claimMetric?: string | null };
}

export function createLoaders(reader: Reader): Loaders {
  const perArgs = new Map<string, DataLoader<string, unknown>>();
  const memo = <V>(key: string, make: () => DataLoader<string, V>): DataLoader<string, V> => {
    let l = perArgs.get(key) as DataLoader<string, V> | undefined;
    if (!l) perArgs.set(key, (l = make()) as DataLoader<string, unknown>);
    return l;
  };
  // First levels read with their roots (entityWithLineage), by walk shape, then root id.
  const starts = new Map<string, Map<string, LevelRow<EntityRecord, EdgeRecord>[]>>();
  const walkKey = (w: LineageWalk) => `lineage:${w.direction}:${w.maxDepth}:${w.first}:${w.evidence}:${w.minConfidence}:${w.variants}`;
  // The sizes of roots read by name for a walk with variants (read/lineage-{down,up}-from-name's
  // variants, [] for most): their walks need no lookup of them.
  const sizesOf = new Map<string, readonly string[]>();
  const pages = (name: StatementName, extra: Record<string, unknown>, page: Page) =>
    new DataLoader<string, PageRows<PaperRecord>>(async (ids) => {
      const rows = await reader.read<{ id: string; total: number; page: PaperRecord[] }>(name, { ids: [...ids], ...extra, skip: page.skip, limit: page.limit });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? { total: 0, page: [] });
    });

  /** Papers by id from a statement that returns one `paper` row per id it finds. */
  const papersById = <P extends { id: string }>(name: StatementName) =>
    new DataLoader<string, P | null>(async (ids) => {
      const rows = await reader.read<{ paper: P }>(name, { ids: [...ids] });
      const byId = new Map(rows.map((r) => [r.paper.id, r.paper]));
      return ids.map((id) => byId.get(id) ?? null);
    });

  const loaders: Loaders = {
    paper: papersById<PaperRecord>("read/paper-by-id"),
    paperBrief: papersById<PaperBrief>("read/paper-brief"),
    paperFacts: new DataLoader(async (ids) => {
      const rows = await reader.read<PaperFactRow>("read/paper-entities", { ids: [...ids] });
      return ids.map((id) => rows.filter((r) => r.id === id).sort(byConfidenceThenName));
    }),
    paperMetadata: new DataLoader(async (ids) => {
      const rows = await reader.read<PaperMetadata & { id: string }>("read/paper-metadata", { ids: [...ids] });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? NO_METADATA);
    }),
    entityPapers: (first, variants) =>
      memo(`entityPapers:${first}:${variants}`, () =>
        new DataLoader<string, PaperRecord[]>(async (ids) => {
          const rows = await reader.read<{ id: string; papers: PaperRecord[] }>("read/entity-papers", { ids: [...ids], first, variants });
          const byId = new Map(rows.map((r) => [r.id, r.papers]));
          return ids.map((id) => byId.get(id) ?? []);
        })),
    timeline: (variants) =>
      memo(`timeline:${variants}`, () =>
        new DataLoader<string, TimelinePoint[]>(async (ids) => {
          const rows = await reader.read<{ id: string; points: TimelinePoint[] }>("read/entity-timeline", { ids: [...ids], variants });
          const byId = new Map(rows.map((r) => [r.id, r.points]));
          return ids.map((id) => byId.get(id) ?? []);
        })),
    entityPapersPage: (page, variants) =>
      memo(`entityPapersPage:${page.skip}:${page.limit}:${variants}`, () => pages("read/entity-papers-page", { variants }, page)),
    variants: new DataLoader(async (ids) => {
      const rows = await reader.read<EntityVariants & { id: string }>("read/entity-variants", { ids: [...ids] });
      const byId = new Map(rows.map((r) => [r.id, { variantOf: r.variantOf, variants: r.variants }]));
      return ids.map((id) => byId.get(id) ?? NO_VARIANTS);
    }),
    citations: (direction, page) => memo(`citations:${direction}:${page.skip}:${page.limit}`, () => pages("read/paper-citations", { direction }, page)),
    comparedIn: (first, minConfidence, since = NO_SINCE, variants = true) =>
      memo(`comparedIn:${first}:${minConfidence}:${since.since}:${since.sinceDay}:${variants}`, () =>
        new DataLoader<string, ComparedRow[]>(async (ids) => {
          const rows = await reader.read<ComparedRow & { id: string }>("read/compared-in", { ids: [...ids], first, minConfidence, ...since, variants });
          return ids.map((id) => rows.filter((r) => r.id === id));
        })),
    lineage: (walk) =>
      memo(walkKey(walk), () =>
        new DataLoader<string, LineageRow[]>(async (ids) => {
          const { direction, maxDepth, first, evidence, minConfidence } = walk;
          const start = starts.get(walkKey(walk));
          // With variants, a root starts from itself and its sizes: those read with it by name are
          // known (a root with sizes then has no start), the others' are read in one statement.
          const also = new Map<string, readonly string[]>();
          if (walk.variants) {
            const unknown = ids.filter((id) => !sizesOf.has(id));
            const read = unknown.length ? await reader.read<{ id: string; variants: string[] }>("read/entity-variant-ids", { ids: unknown }) : [];
            for (const r of read) also.set(r.id, r.variants);
            for (const id of ids) if (sizesOf.get(id)?.length) also.set(id, sizesOf.get(id)!);
          }
          const rows = await reader.lineage<EntityRecord, EdgeRecord>(direction, ids, maxDepth, first, evidence, minConfidence, start, also);
          return ids.map((id) => rows.filter((r) => r.id === id));
        })),
    entityWithLineage: async (kind, name, walk) => {
      const [row] = await reader.read<{ entity: EntityRecord | null; level: LevelRow<EntityRecord, EdgeRecord>[]; variants: string[] }>(FROM_NAME[walk.direction], {
        key: name.key, singular: name.singular, kind, first: walk.first, evidence: walk.evidence, ends: false, minConfidence: walk.minConfidence,
        variants: walk.variants,
      });
      if (!row?.entity) return null;
      if (walk.variants) sizesOf.set(row.entity.id, row.variants);
      // A root with sizes walks from itself and them: its own first level is no start.
      if (row.variants.length) return row.entity;
      const k = walkKey(walk);
      if (!starts.has(k)) starts.set(k, new Map());
      starts.get(k)!.set(row.entity.id, row.level);
      return row.entity;
    },
    related: (first) =>
      memo(`related:${first}`, () =>
        new DataLoader<string, RelatedRow[]>(async (ids) => {
          const rows = await reader.read<RelatedRow & { id: string }>("read/paper-related", { ids: [...ids], first, maxDf: RELATED_MAX_DF });
          return ids.map((id) => rows.filter((r) => r.id === id));
        })),
    primePaper: (id, { whole, facts, related }) => {
      if (whole) loaders.paper.prime(id, whole);
      if (facts) loaders.paperFacts.prime(id, facts.map((f) => ({ id, ...f })).sort(byConfidenceThenName));
      if (related) loaders.related(related.first).prime(id, related.rows.map((r) => ({ id, ...r })));
    },
  };
  return loaders;
}

function byConfidenceThenName(a: PaperFactRow, b: PaperFactRow): number {
  return (b.confidence ?? 0) - (a.confidence ?? 0) || a.entity.name.localeCompare(b.entity.name);
}

export type { EntityRecord };
