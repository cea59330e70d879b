// Resolvers for topics and the explorer's graph views (the "topics and explorer" section at the end
// of schema.graphql). Every read goes through the request's Reader (timeout, circuit breaker), like
// the rest of the API. Per-request loaders live in a WeakMap keyed by the context, so this module
// needs nothing from the shared loaders beyond `paper`.
import DataLoader from "dataloader";
import type { GraphQLResolveInfo } from "graphql";
import { nameLookup } from "../domain";
import type { Context } from "./context";
import { datedSince, hasSince, sinceArg, type SinceParams } from "./dates";
import { userError } from "./errors";
import { clampFirst } from "./paging";
import { fieldsAt, selectsOnly, selectsOnlyUnder } from "./fields/common";
import type { EntityRecord, PaperRecord } from "./model";
import {
  fetchNeighbourhood, MAX_NEIGHBOURHOOD_DEPTH, MAX_PAPERS, parseEdgeId,
  type EvidenceRow, type GraphEdgeRecord, type GraphNodeRecord, type NeighbourhoodRecord, type TopicBrief,
} from "../export/neighbourhood";

type Args = Record<string, unknown>;

export interface TopicRecord {
  id: string;
  name: string;
  size: number;
  rank: number;
  entities: string[];
  terms: string[];
}


export const visualResolvers = {
  Query: {
    topics: async (_: unknown, args: Args, ctx: Context): Promise<TopicRecord[]> => {
      const rows = await ctx.reader.read<{ topic: TopicRecord }>("read/topics", { first: clampFirst(args.first, 50, 200) });
      return rows.map((r) => r.topic);
    },
    topic: (_: unknown, args: Args, ctx: Context) => {
      if (typeof args.id !== "string" || !args.id) throw userError("id must be a non-empty string", { argument: "id" });
      return loaders(ctx).topic.load(args.id);
    },
    entityNames: async (_: unknown, args: Args, ctx: Context): Promise<EntityRecord[]> => {
      if (typeof args.prefix !== "string" || args.prefix.length > 200) throw userError("prefix must be a string of at most 200 characters", { argument: "prefix" });
      const { key, singular } = nameLookup(args.prefix);
      if (!key) return [];
      const first = clampFirst(args.first, 10, 50);
      let rows = await ctx.reader.read<{ entity: EntityRecord }>("read/neighbourhood-names", { key, first });
      // A plural that starts no name ("A100s") suggests what its singular does, as the look-ups read
      // it (domain/keys.ts): a second statement, only when the first found nothing.
      if (!rows.length && singular) rows = await ctx.reader.read<{ entity: EntityRecord }>("read/neighbourhood-names", { key: singular, first });
      return rows.map((r) => r.entity);
    },
    neighbourhood: async (_: unknown, args: Args, ctx: Context, info: GraphQLResolveInfo) => {
      const brief = briefTopicsWanted(info);
      const view = await neighbourhood(ctx, args, brief);
      // An entity's view brings its topics with its papers; a paper's view reads them now.
      if (view && brief) await readBriefTopics(ctx, [view.root, ...view.nodes]);
      return view;
    },
    graphEdges: async (_: unknown, args: Args, ctx: Context): Promise<GraphEdgeRecord[]> => {
      const ids = args.ids;
      if (!Array.isArray(ids) || ids.length > MAX_EDGE_IDS) throw userError(`ids must be a list of at most ${MAX_EDGE_IDS} edge ids`, { argument: "ids" });
      const edges = [...new Set(ids as string[])].map(parseEdgeId).filter((e) => e !== null);
      const found = await loaders(ctx).edgeEvidence(DEFAULT_EVIDENCE, null).loadMany(edges.map((e) => e.id));
      return edges.filter((_e, i) => Array.isArray(found[i])).map((e) => ({ ...e, evidence: null }));
    },
  },

  Paper: {
    topics: (p: PaperRecord, _: Args, ctx: Context) => loaders(ctx).paperTopics.load(p.id),
  },

  Topic: {
    papers: (t: TopicRecord, args: Args, ctx: Context) => loaders(ctx).topicPapers(clampFirst(args.first, 20, 200)).load(t.id),
    members: (t: TopicRecord, args: Args, ctx: Context) => loaders(ctx).topicEntities(clampFirst(args.first, 20, 200)).load(t.id),
    entities: (t: TopicRecord) => t.entities ?? [],
    terms: (t: TopicRecord) => t.terms ?? [],
  },

  GraphNode: {
    // The explorer asks topic { id name } of every node of a view (about fifty topics): a brief read
    // does for that, the whole topic only when more of it is selected.
    // A view's resolver reads them all before (readBriefTopics), so the fields of its hundred-odd
    // nodes resolve at once instead of each waiting on a loader's promise.
    topic: (n: GraphNodeRecord, _: Args, ctx: Context, info: GraphQLResolveInfo) => {
      if (!n.topicId) return null;
      if (!selectsOnly(info, BRIEF_TOPIC)) return loaders(ctx).topic.load(n.topicId);
      const known = loaders(ctx).briefTopics.get(n.topicId);
      return known !== undefined ? known : loaders(ctx).topicBrief.load(n.topicId);
    },
  },

  GraphEdge: {
    // A view read with its sentences (a paper's, or one cut to what is new) has them; otherwise they
    // are read now, for every edge of the request that asks, in one statement.
    evidence: async (e: GraphEdgeRecord, args: Args, ctx: Context): Promise<EvidenceRow[]> => {
      const first = clampFirst(args.first, DEFAULT_EVIDENCE, MAX_EVIDENCE);
      const paper = args.paper === undefined || args.paper === null ? null : String(args.paper);
      if (e.evidence) return e.evidence.filter((ev) => paper === null || ev.paper === paper).slice(0, first);
      return (await loaders(ctx).edgeEvidence(first, paper).load(e.id)) ?? [];
    },
  },
};


/** A paper's topics read with the paper (read/paper-view), for Paper.topics to answer from. */
export function primePaperTopics(ctx: Context, id: string, topics: readonly TopicRecord[]): void {
  loaders(ctx).paperTopics.prime(id, [...topics]);
}

/** What read/topic-brief holds. */
const BRIEF_TOPIC: ReadonlySet<string> = new Set(["id", "name", "__typename"]);

/** Whether the query asks topic { id name } (nothing more) of a view's root or nodes. */
function briefTopicsWanted(info: GraphQLResolveInfo): boolean {
  const topics = [...fieldsAt(info, ["root", "topic"]), ...fieldsAt(info, ["nodes", "topic"])];
  return topics.length > 0 && selectsOnlyUnder(info, topics, BRIEF_TOPIC);
}

/**
 * The brief topics an entity's view was read with, kept for GraphNode.topic to answer at once; the
 * view's statement looked up every topic its nodes name, so one it did not find is none (null).
 */
function keepBriefTopics(ctx: Context, view: NeighbourhoodRecord): void {
  const known = loaders(ctx).briefTopics;
  const found = new Map((view.topics ?? []).map((t) => [t.id, t]));
  for (const n of [view.root, ...view.nodes]) if (n.topicId !== null && !known.has(n.topicId)) known.set(n.topicId, found.get(n.topicId) ?? null);
}

/** The brief topics of these nodes that are not known yet, in one statement, kept for GraphNode.topic to answer at once. */
async function readBriefTopics(ctx: Context, nodes: readonly GraphNodeRecord[]): Promise<void> {
  const known = loaders(ctx).briefTopics;
  const ids = [...new Set(nodes.map((n) => n.topicId).filter((t): t is string => t !== null && !known.has(t)))];
  if (ids.length === 0) return;
  // One batch of the topicBrief loader: one statement, and its cache agrees with the map.
  const topics = await loaders(ctx).topicBrief.loadMany(ids);
  ids.forEach((id, i) => {
    const t = topics[i];
    if (t instanceof Error) throw t;
    known.set(id, t ?? null);
  });
}

/** graphEdges takes at most this many ids; an edge gives DEFAULT_EVIDENCE sentences unless asked for up to MAX_EVIDENCE. */
const MAX_EDGE_IDS = 200;
const DEFAULT_EVIDENCE = 20;
const MAX_EVIDENCE = 100;

/** The view the arguments ask for; with `briefTopics`, its topics' ids and names are kept for GraphNode.topic (loaders' briefTopics). */
async function neighbourhood(ctx: Context, args: Args, briefTopics: boolean): Promise<NeighbourhoodRecord | null> {
  const depth = args.depth ?? 1;
  if (typeof depth !== "number" || !Number.isInteger(depth) || depth < 1 || depth > MAX_NEIGHBOURHOOD_DEPTH) {
    throw userError(`depth must be a whole number from 1 to ${MAX_NEIGHBOURHOOD_DEPTH}`, { argument: "depth" });
  }
  const id = typeof args.id === "string" && args.id ? args.id : null;
  const name = typeof args.name === "string" && args.name.trim() ? args.name : null;
  if (!id && !name) throw userError("neighbourhood needs a name or an id");
  if ((id?.length ?? 0) > 200 || (name?.length ?? 0) > 200) throw userError("name and id are at most 200 characters");
  const papers = args.papers ?? undefined;
  if (papers !== undefined && (typeof papers !== "number" || !Number.isInteger(papers) || papers < 1 || papers > MAX_PAPERS)) {
    throw userError(`papers must be a whole number from 1 to ${MAX_PAPERS}`, { argument: "papers" });
  }
  const since = sinceArg(args.since);
  // Cutting a view to what is new needs its builds-on sentences (which papers state each edge).
  const view = await fetchNeighbourhood(ctx.reader, { id, name, depth, papers, evidence: hasSince(since), topics: briefTopics });
  if (view?.topics) keepBriefTopics(ctx, view);
  return view && hasSince(since) ? await newSince(ctx, view, since) : view;
}

/**
 * The part of a view that is new since a day: papers dated on or after it (Paper.datedOn, the listing
 * day else the day stored), the edges they state (their BUILDS_ON evidence cut to those papers, the
 * facts and citations of a new paper), the nodes those edges touch, and the root.
 */
async function newSince(ctx: Context, view: NeighbourhoodRecord, since: SinceParams): Promise<NeighbourhoodRecord> {
  const paperIds = new Set([...view.nodes.filter((n) => n.kind === "Paper").map((n) => n.id), ...view.edges.flatMap((e) => (e.evidence ?? []).map((ev) => ev.paper))]);
  const papers = await ctx.loaders.paper.loadMany([...paperIds]);
  const fresh = new Set(papers.filter((p): p is PaperRecord => !!p && !(p instanceof Error) && datedSince((p as { datedOn?: unknown }).datedOn, since)).map((p) => p.id));
  const edges = view.edges.flatMap((e) => {
    if (fresh.has(e.source) || fresh.has(e.target)) return [e];
    const evidence = e.type === "BUILDS_ON" ? (e.evidence ?? []).filter((ev) => fresh.has(ev.paper)) : [];
    return evidence.length ? [{ ...e, evidence }] : [];
  });
  const keep = new Set([view.root.id, ...fresh, ...edges.flatMap((e) => [e.source, e.target])]);
  return { root: view.root, nodes: view.nodes.filter((n) => keep.has(n.id)), edges: edges.filter((e) => keep.has(e.source) && keep.has(e.target)) };
}

interface VisualLoaders {
  readonly topic: DataLoader<string, TopicRecord | null>;
  /** Only id and name (read/topic-brief). */
  readonly topicBrief: DataLoader<string, TopicBrief | null>;
  /** Brief topics a view's resolver read for its nodes (null: no such topic). */
  readonly briefTopics: Map<string, TopicBrief | null>;
  readonly paperTopics: DataLoader<string, TopicRecord[]>;
  topicPapers(first: number): DataLoader<string, PaperRecord[]>;
  topicEntities(first: number): DataLoader<string, EntityRecord[]>;
  /** An edge's sentences by edge id (null: no such edge), at most `first`, only `paper`'s when set. */
  edgeEvidence(first: number, paper: string | null): DataLoader<string, EvidenceRow[] | null>;
}

const perRequest = new WeakMap<Context, VisualLoaders>();

function loaders(ctx: Context): VisualLoaders {
  let l = perRequest.get(ctx);
  if (l) return l;
  const byId = <R>(name: "read/topic-papers" | "read/topic-entities" | "read/paper-topics", field: string, extra: Record<string, unknown> = {}) =>
    new DataLoader<string, R[]>(async (ids) => {
      const rows = await ctx.reader.read<{ id: string } & Record<string, R[]>>(name, { ids: [...ids], ...extra });
      const map = new Map(rows.map((r) => [r.id, r[field] ?? []]));
      return ids.map((id) => map.get(id) ?? []);
    });
  const perArgs = new Map<string, DataLoader<string, unknown>>();
  const memo = <V>(key: string, make: () => DataLoader<string, V>) => {
    let loader = perArgs.get(key) as DataLoader<string, V> | undefined;
    if (!loader) perArgs.set(key, (loader = make()) as DataLoader<string, unknown>);
    return loader;
  };
  l = {
    topic: new DataLoader(async (ids) => {
      const rows = await ctx.reader.read<{ topic: TopicRecord }>("read/topic-by-id", { ids: [...ids] });
      const map = new Map(rows.map((r) => [r.topic.id, r.topic]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    briefTopics: new Map(),
    topicBrief: new DataLoader(async (ids) => {
      const rows = await ctx.reader.read<{ topic: TopicBrief }>("read/topic-brief", { ids: [...ids] });
      const map = new Map(rows.map((r) => [r.topic.id, r.topic]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    paperTopics: byId<TopicRecord>("read/paper-topics", "topics"),
    topicPapers: (first) => memo(`papers:${first}`, () => byId<PaperRecord>("read/topic-papers", "papers", { first })),
    topicEntities: (first) => memo(`entities:${first}`, () => byId<EntityRecord>("read/topic-entities", "entities", { first })),
    edgeEvidence: (first, paper) =>
      memo(`evidence:${first}:${paper}`, () =>
        new DataLoader<string, EvidenceRow[] | null>(async (ids) => {
          const edges = ids.map(parseEdgeId).filter((e) => e !== null);
          const rows = edges.length ? await ctx.reader.read<{ id: string; evidence: EvidenceRow[] }>("read/graph-edges", { edges, first, paper }) : [];
          const map = new Map(rows.map((r) => [r.id, r.evidence]));
          return ids.map((id) => map.get(id) ?? null);
        })),
  };
  perRequest.set(ctx, l);
  return l;
}

