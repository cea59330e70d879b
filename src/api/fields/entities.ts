// Entity lookups and the fields of Technique, Model, Dataset and Hardware.
import type { Context } from "../context";
import { classifyHardware } from "../hardware";
import type { EntityRecord, LineageRow, PaperRecord } from "../model";
import { clampFirst, listTag, MAX_FIRST, pageArgs, paperConnection } from "../paging";
import { getArgumentValues, getNamedType, isObjectType, type GraphQLResolveInfo } from "graphql";
import type { ComparedRow, LineageWalk } from "../loaders";
import { confidenceArg, depthArg, fieldsAt, findEntity, selects, selectsUnder, variantsArg, type Args } from "./common";
import { datedSince, hasSince, sinceArg } from "../dates";

export const entityResolvers = {
  Query: {
    technique: (_: unknown, args: Args, ctx: Context, info: GraphQLResolveInfo) => findEntity(ctx, "Technique", args.name, lineageAhead(info)),
    hardware: (_: unknown, args: Args, ctx: Context) => findEntity(ctx, "Hardware", args.name),
    model: (_: unknown, args: Args, ctx: Context, info: GraphQLResolveInfo) => findEntity(ctx, "Model", args.name, lineageAhead(info)),
    dataset: (_: unknown, args: Args, ctx: Context) => findEntity(ctx, "Dataset", args.name),
  },
  Entity: {
    __resolveType: (e: EntityRecord) => e.kind,
  },
  Technique: { ...commonFields(), ...lineageFields() },
  Model: { ...commonFields(), ...lineageFields() },
  Dataset: commonFields(),
  Hardware: {
    ...commonFields(),
    category: (e: EntityRecord) => classifyHardware(e.name, e.aliases ?? []).category,
    vendor: (e: EntityRecord) => classifyHardware(e.name, e.aliases ?? []).vendor,
  },
};

function commonFields() {
  return {
    aliases: (e: EntityRecord): string[] => e.aliases ?? [],
    papers: (e: EntityRecord, args: Args, ctx: Context): Promise<PaperRecord[]> =>
      ctx.loaders.entityPapers(clampFirst(args.first, MAX_FIRST), variantsArg(args.includeVariants)).load(e.id),
    papersConnection: async (e: EntityRecord, args: Args, ctx: Context) => {
      const page = pageArgs(args, listTag("Entity.papersConnection", e.id, args));
      const rows = await ctx.loaders.entityPapersPage(page, variantsArg(args.includeVariants)).load(e.id);
      return paperConnection(rows, page, (p) => ({ node: p as PaperRecord, score: null }));
    },
    timeline: (e: EntityRecord, args: Args, ctx: Context) => ctx.loaders.timeline(variantsArg(args.includeVariants)).load(e.id),
    variantOf: async (e: EntityRecord, _: Args, ctx: Context): Promise<EntityRecord | null> => (await ctx.loaders.variants.load(e.id)).variantOf,
    variants: async (e: EntityRecord, _: Args, ctx: Context): Promise<EntityRecord[]> => (await ctx.loaders.variants.load(e.id)).variants,
  };
}

/** A comparison's parsed figure (ClaimFigure), stored on the edge for extracted and added claims alike; null without one. */
function figureOf(rel: ComparedRow["rel"]) {
  if (typeof rel.claimValue !== "number" || !rel.claimUnit) return null;
  const direction = rel.claimDirection === "higher" ? "HIGHER" : rel.claimDirection === "lower" ? "LOWER" : null;
  return { value: rel.claimValue, unit: rel.claimUnit, direction, metric: rel.claimMetric ?? null };
}

type LineageField = "buildsOn" | "builtOnBy";
const LINEAGE_FIELDS: readonly LineageField[] = ["buildsOn", "builtOnBy"];

/**
 * The walk a lineage field's arguments ask for. builtOnBy with `since` walks the nearest MAX_FIRST
 * entries with their evidence, and keeps those that a paper dated since states (below).
 */
function walkOf(field: LineageField, args: Args, evidence: boolean): LineageWalk {
  const since = field === "builtOnBy" && hasSince(sinceArg(args.since));
  return {
    direction: field === "buildsOn" ? "up" : "down",
    maxDepth: depthArg(args.maxDepth),
    first: since ? MAX_FIRST : clampFirst(args.first, MAX_FIRST),
    evidence: since || evidence,
    minConfidence: confidenceArg(args.minConfidence),
    variants: variantsArg(args.includeVariants),
  };
}

/**
 * The walk of the one lineage field a query asks of the entity being looked up, so that the lookup
 * reads the walk's first level in the same statement (Loaders.entityWithLineage). Null when the
 * query asks none, more than one, or arguments the field will refuse (it then reports them itself).
 */
function lineageAhead(info: GraphQLResolveInfo): LineageWalk | null {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return null;
  const asked = LINEAGE_FIELDS.flatMap((field) => fieldsAt(info, [field]).map((node) => ({ field, node })));
  if (asked.length !== 1) return null;
  const { field, node } = asked[0]!;
  const def = type.getFields()[field];
  if (!def) return null;
  try {
    return walkOf(field, getArgumentValues(def, node, info.variableValues), selectsUnder(info, [node], "evidence"));
  } catch {
    return null;
  }
}

function lineageFields() {
  return {
    buildsOn: (e: EntityRecord, args: Args, ctx: Context, info: GraphQLResolveInfo): Promise<LineageRow[]> =>
      ctx.loaders.lineage(walkOf("buildsOn", args, selects(info, "evidence"))).load(e.id),
    builtOnBy: async (e: EntityRecord, args: Args, ctx: Context, info: GraphQLResolveInfo): Promise<LineageRow[]> => {
      const walk = walkOf("builtOnBy", args, selects(info, "evidence"));
      const since = sinceArg(args.since);
      if (!hasSince(since)) return ctx.loaders.lineage(walk).load(e.id);
      // since: the walk's nearest MAX_FIRST entries, kept when a paper dated since states the hop
      // that reaches them (their evidence is cut to those papers), then the first of them.
      const rows = await ctx.loaders.lineage(walk).load(e.id);
      const papers = await ctx.loaders.paper.loadMany([...new Set(rows.flatMap((r) => r.evidence.map((ev) => ev.paper)))]);
      const fresh = new Set(papers.filter((p): p is PaperRecord => !!p && !(p instanceof Error) && datedSince((p as { datedOn?: unknown }).datedOn, since)).map((p) => p.id));
      return rows
        .map((r) => ({ ...r, evidence: r.evidence.filter((ev) => fresh.has(ev.paper)) }))
        .filter((r) => r.evidence.length > 0)
        .slice(0, clampFirst(args.first, MAX_FIRST));
    },
    comparedIn: async (e: EntityRecord, args: Args, ctx: Context) => {
      const rows = await ctx.loaders
        .comparedIn(clampFirst(args.first, MAX_FIRST), confidenceArg(args.minConfidence), sinceArg(args.since), variantsArg(args.includeVariants))
        .load(e.id);
      return rows.map((r) => ({ paper: r.paper, entity: r.entity, claim: r.rel.claim ?? null, figure: figureOf(r.rel), evidence: r.rel }));
    },
  };
}
