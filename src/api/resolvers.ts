// Thin resolvers: validate arguments, run one named statement or a loader, map the rows.
import { nameKey, paperId, type EntityKind } from "../domain";
import type { Context } from "./context";
import { userError } from "./errors";
import type { EdgeRecord, EntityRecord, PaperFactRow, PaperRecord } from "./model";

type Args = Record<string, unknown>;

const MAX_FIRST = 100;

export const resolvers = {
  Query: {
    technique: (_: unknown, args: Args, ctx: Context) => findEntity(ctx, "Technique", args.name),
    hardware: (_: unknown, args: Args, ctx: Context) => findEntity(ctx, "Hardware", args.name),
    model: (_: unknown, args: Args, ctx: Context) => findEntity(ctx, "Model", args.name),
    dataset: (_: unknown, args: Args, ctx: Context) => findEntity(ctx, "Dataset", args.name),

    paper: async (_: unknown, args: Args, ctx: Context): Promise<PaperRecord | null> => {
      const id = typeof args.id === "string" ? args.id : typeof args.title === "string" ? paperId(args.title) : null;
      if (!id) throw userError("paper needs an id or a title");
      return ctx.loaders.paper.load(id);
    },

    papers: async (_: unknown, args: Args, ctx: Context): Promise<PaperRecord[]> => {
      const first = clampFirst(args.first);
      const search = typeof args.search === "string" ? args.search.trim() : "";
      if (!search) return (await ctx.db.read<{ paper: PaperRecord }>("read/papers-recent", { first }, ctx.config.queryTimeoutMs)).map((r) => r.paper);
      const query = luceneQuery(search);
      if (!query) return [];
      const rows = await ctx.db.read<{ paper: PaperRecord }>("read/papers-search", { query, first }, ctx.config.queryTimeoutMs);
      return rows.map((r) => r.paper);
    },

    stats: async (_: unknown, __: Args, ctx: Context) => {
      const [row] = await ctx.db.read("read/stats", {}, ctx.config.queryTimeoutMs);
      return row;
    },
  },

  Entity: {
    __resolveType: (e: EntityRecord) => e.kind,
  },

  Technique: entityFields(),
  Model: entityFields(),
  Dataset: { aliases: aliases, papers: entityPapers },
  Hardware: { aliases: aliases, papers: entityPapers },

  LineageEntry: {},

  Comparison: {
    paper: (c: { paper: string }, _: Args, ctx: Context) => ctx.loaders.paper.load(c.paper),
  },

  Evidence: {
    paper: (e: EdgeRecord, _: Args, ctx: Context) => ctx.loaders.paper.load(e.paper),
  },

  Paper: {
    introduces: factField((r) => r.type === "INTRODUCES"),
    buildsOn: factField((r) => r.fact === "builds_on"),
    comparesTo: factField((r) => r.type === "COMPARES_TO"),
    hardware: factField((r) => r.type === "EVALUATED_ON"),
    datasets: factField((r) => r.fact === "datasets"),
    models: factField((r) => r.fact === "models"),
  },
};

function entityFields() {
  return {
    aliases,
    papers: entityPapers,
    builtOnBy: async (e: EntityRecord, args: Args, ctx: Context) => {
      const depth = args.maxDepth ?? 1;
      if (typeof depth !== "number" || !Number.isInteger(depth) || depth < 1 || depth > 10) {
        throw userError("maxDepth must be a whole number from 1 to 10", { argument: "maxDepth" });
      }
      return ctx.db.readWithDepth<{ entity: EntityRecord; depth: number; evidence: EdgeRecord[] }>(
        "read/built-on-by", depth, { id: e.id }, ctx.config.queryTimeoutMs);
    },
    comparedIn: async (e: EntityRecord, _: Args, ctx: Context) => {
      const rows = await ctx.db.read<{ paper: string; entity: EntityRecord; rel: EdgeRecord }>("read/compared-in", { id: e.id }, ctx.config.queryTimeoutMs);
      return rows.map((r) => ({ paper: r.paper, entity: r.entity, claim: r.rel.claim ?? null, evidence: r.rel }));
    },
  };
}

function aliases(e: EntityRecord): string[] {
  return e.aliases ?? [];
}

function entityPapers(e: EntityRecord, _: Args, ctx: Context): Promise<PaperRecord[]> {
  return ctx.loaders.entityPapers.load(e.id);
}

function factField(keep: (r: PaperFactRow) => boolean) {
  return async (p: PaperRecord, _: Args, ctx: Context): Promise<EntityRecord[]> => {
    const rows = (await ctx.loaders.paperFacts.load(p.id)).filter(keep);
    const seen = new Set<string>();
    return rows.map((r) => r.entity).filter((e) => !seen.has(e.id) && !!seen.add(e.id));
  };
}

async function findEntity(ctx: Context, kind: EntityKind, name: unknown): Promise<EntityRecord | null> {
  if (typeof name !== "string" || !name.trim()) throw userError("name must be a non-empty string", { argument: "name" });
  if (name.length > 200) throw userError("name is longer than 200 characters", { argument: "name" });
  const key = nameKey(name);
  if (!key) return null;
  const rows = await ctx.db.read<{ entity: EntityRecord }>("read/find-entity", { key, kind }, ctx.config.queryTimeoutMs);
  return rows[0]?.entity ?? null;
}

function clampFirst(v: unknown): number {
  const n = v ?? 20;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) throw userError("first must be a positive whole number", { argument: "first" });
  if (n > MAX_FIRST) throw userError(`first must be at most ${MAX_FIRST}`, { argument: "first" });
  return n;
}

/** User text to a Lucene query: every term escaped, all terms optional (ranked by how many match). */
export function luceneQuery(text: string): string {
  const terms = text
    .slice(0, 500)
    .split(/\s+/)
    .map((t) => t.replace(/[+\-!(){}[\]^"~*?:\\/&|]/g, (c) => `\\${c}`))
    .filter((t) => t.replace(/\\/g, "").length > 0)
    .slice(0, 32);
  return terms.join(" ");
}
