// Papers: the list, the filtered connection, one paper, and the fields of Paper.
import { nameKey, paperId } from "../../domain";
import type { Context } from "../context";
import { dateArg } from "../dates";
import { userError } from "../errors";
import { luceneQuery } from "../lucene";
import type { EdgeRecord, EntityRecord, PaperFactRow, PaperRecord } from "../model";
import { clampFirst, pageArgs, paperConnection } from "../paging";
import { MAX_NAME, type Args } from "./common";

const ORDERS = new Set(["INPUT_ORDER", "RELEVANCE", "TITLE", "LISTING_DATE_DESC", "LISTING_DATE_ASC"]);
const ENTITY_FILTERS = ["technique", "model", "dataset", "hardware"] as const;

export const paperResolvers = {
  Query: {
    paper: async (_: unknown, args: Args, ctx: Context): Promise<PaperRecord | null> => {
      const id = typeof args.id === "string" ? args.id : typeof args.title === "string" ? paperId(args.title) : null;
      if (!id) throw userError("paper needs an id or a title");
      if (id.length > 1000) throw userError("id or title is too long");
      return ctx.loaders.paper.load(id);
    },

    papers: async (_: unknown, args: Args, ctx: Context): Promise<PaperRecord[]> => {
      const first = clampFirst(args.first);
      const search = typeof args.search === "string" ? args.search.trim() : "";
      if (!search) return (await ctx.reader.read<{ paper: PaperRecord }>("read/papers-recent", { first })).map((r) => r.paper);
      const query = luceneQuery(search);
      if (!query) return [];
      return (await ctx.reader.read<{ paper: PaperRecord }>("read/papers-search", { query, first })).map((r) => r.paper);
    },

    papersConnection: async (_: unknown, args: Args, ctx: Context) => {
      const page = pageArgs(args);
      const params = { ...filterParams(args.filter), order: orderArg(args.orderBy), skip: page.skip, limit: page.limit };
      if (params.query === "") return paperConnection(undefined, page, unwrapScored);
      const [rows] = await ctx.reader.read<{ total: number; page: { paper: PaperRecord; score: number | null }[] }>("read/papers-connection", params);
      return paperConnection(rows, page, unwrapScored);
    },
  },

  Paper: {
    introduces: factField((r) => r.type === "INTRODUCES"),
    buildsOn: factField((r) => r.fact === "builds_on"),
    comparesTo: factField((r) => r.type === "COMPARES_TO"),
    hardware: factField((r) => r.type === "EVALUATED_ON"),
    datasets: factField((r) => r.fact === "datasets"),
    models: factField((r) => r.fact === "models"),
    related: (p: PaperRecord, args: Args, ctx: Context) => ctx.loaders.related(clampFirst(args.first, 5)).load(p.id),
    cites: citations("out"),
    citedBy: citations("in"),
  },

  Comparison: {
    paper: (c: { paper: string }, _: Args, ctx: Context) => ctx.loaders.paper.load(c.paper),
  },

  Evidence: {
    paper: (e: EdgeRecord, _: Args, ctx: Context) => ctx.loaders.paper.load(e.paper),
  },
};

function unwrapScored(row: unknown) {
  const r = row as { paper: PaperRecord; score: number | null };
  return { node: r.paper, score: r.score ?? null };
}

function citations(direction: "in" | "out") {
  return async (p: PaperRecord, args: Args, ctx: Context) => {
    const page = pageArgs(args);
    const rows = await ctx.loaders.citations(direction, page).load(p.id);
    return paperConnection(rows, page, (q) => ({ node: q as PaperRecord, score: null }));
  };
}

function factField(keep: (r: PaperFactRow) => boolean) {
  return async (p: PaperRecord, _: Args, ctx: Context): Promise<EntityRecord[]> => {
    const rows = (await ctx.loaders.paperFacts.load(p.id)).filter(keep);
    const seen = new Set<string>();
    return rows.map((r) => r.entity).filter((e) => !seen.has(e.id) && !!seen.add(e.id));
  };
}

function orderArg(v: unknown): string {
  const order = v ?? "INPUT_ORDER";
  if (typeof order !== "string" || !ORDERS.has(order)) throw userError("orderBy is not a PaperOrder", { argument: "orderBy" });
  return order;
}

/** PaperFilter to statement parameters: names become keys, dates date keys, text a Lucene query ("" = matches nothing). */
function filterParams(raw: unknown) {
  const f = (raw ?? {}) as Record<string, unknown>;
  const params: Record<string, string | null> = {};
  for (const kind of ENTITY_FILTERS) {
    const v = f[kind];
    if (v === undefined || v === null) params[kind] = null;
    else if (typeof v !== "string" || v.length > MAX_NAME || !nameKey(v)) throw userError(`filter.${kind} must be a name of at most ${MAX_NAME} characters`, { argument: `filter.${kind}` });
    else params[kind] = nameKey(v);
  }
  params.from = dateArg(f.listedFrom, "filter.listedFrom");
  params.to = dateArg(f.listedTo, "filter.listedTo");
  const text = f.text;
  if (text === undefined || text === null) params.query = null;
  else if (typeof text !== "string" || text.length > 500) throw userError("filter.text must be at most 500 characters", { argument: "filter.text" });
  else params.query = text.trim() ? luceneQuery(text) : null;
  return params as Record<string, string | null> & { query: string | null };
}
