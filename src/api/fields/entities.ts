// Entity lookups and the fields of Technique, Model, Dataset and Hardware.
import type { Context } from "../context";
import { classifyHardware } from "../hardware";
import type { EntityRecord, LineageRow, PaperRecord } from "../model";
import { clampFirst, MAX_FIRST, pageArgs, paperConnection } from "../paging";
import type { GraphQLResolveInfo } from "graphql";
import { confidenceArg, depthArg, findEntity, selects, type Args } from "./common";
import { datedSince, hasSince, sinceArg } from "../dates";

export const entityResolvers = {
  Query: {
    technique: (_: unknown, args: Args, ctx: Context) => findEntity(ctx, "Technique", args.name),
    hardware: (_: unknown, args: Args, ctx: Context) => findEntity(ctx, "Hardware", args.name),
    model: (_: unknown, args: Args, ctx: Context) => findEntity(ctx, "Model", args.name),
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
    papers: (e: EntityRecord, args: Args, ctx: Context): Promise<PaperRecord[]> => ctx.loaders.entityPapers(clampFirst(args.first, MAX_FIRST)).load(e.id),
    papersConnection: async (e: EntityRecord, args: Args, ctx: Context) => {
      const page = pageArgs(args);
      const rows = await ctx.loaders.entityPapersPage(page).load(e.id);
      return paperConnection(rows, page, (p) => ({ node: p as PaperRecord, score: null }));
    },
    timeline: (e: EntityRecord, _: Args, ctx: Context) => ctx.loaders.timeline.load(e.id),
  };
}

function lineageFields() {
  return {
    buildsOn: (e: EntityRecord, args: Args, ctx: Context, info: GraphQLResolveInfo): Promise<LineageRow[]> =>
      ctx.loaders.lineage("up", depthArg(args.maxDepth), clampFirst(args.first, MAX_FIRST), selects(info, "evidence"), confidenceArg(args.minConfidence)).load(e.id),
    builtOnBy: async (e: EntityRecord, args: Args, ctx: Context, info: GraphQLResolveInfo): Promise<LineageRow[]> => {
      const first = clampFirst(args.first, MAX_FIRST);
      const since = sinceArg(args.since);
      const minConfidence = confidenceArg(args.minConfidence);
      if (!hasSince(since)) return ctx.loaders.lineage("down", depthArg(args.maxDepth), first, selects(info, "evidence"), minConfidence).load(e.id);
      // since: the walk's nearest MAX_FIRST entries, kept when a paper dated since states the hop
      // that reaches them (their evidence is cut to those papers), then the first of them.
      const rows = await ctx.loaders.lineage("down", depthArg(args.maxDepth), MAX_FIRST, true, minConfidence).load(e.id);
      const papers = await ctx.loaders.paper.loadMany([...new Set(rows.flatMap((r) => r.evidence.map((ev) => ev.paper)))]);
      const fresh = new Set(papers.filter((p): p is PaperRecord => !!p && !(p instanceof Error) && datedSince((p as { datedOn?: unknown }).datedOn, since)).map((p) => p.id));
      return rows
        .map((r) => ({ ...r, evidence: r.evidence.filter((ev) => fresh.has(ev.paper)) }))
        .filter((r) => r.evidence.length > 0)
        .slice(0, first);
    },
    comparedIn: async (e: EntityRecord, args: Args, ctx: Context) => {
      const rows = await ctx.loaders.comparedIn(clampFirst(args.first, MAX_FIRST), confidenceArg(args.minConfidence), sinceArg(args.since)).load(e.id);
      return rows.map((r) => ({ paper: r.paper, entity: r.entity, claim: r.rel.claim ?? null, evidence: r.rel }));
    },
  };
}
