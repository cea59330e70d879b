// Aggregates over the whole graph: trending entities (precomputed per window, src/derived), hardware
// usage, counts.
import type { Context } from "../context";
import { dateArg } from "../dates";
import { userError } from "../errors";
import { classifyHardware, HARDWARE_CATEGORIES, type HardwareCategory } from "../hardware";
import type { EntityRecord } from "../model";
import { clampFirst } from "../paging";
import { variantsArg, type Args } from "./common";
import { TREND_PRIOR, TREND_WINDOWS, type TrendWindow } from "../../derived/trends";

export const insightResolvers = {
  Query: {
    trending: async (_: unknown, args: Args, ctx: Context) => {
      const first = clampFirst(args.first, 10);
      const window = args.window ?? "WEEK";
      if (typeof window !== "string" || !(window in TREND_WINDOWS)) throw userError("window is not a TrendWindow", { argument: "window" });
      const since = dateArg(args.since, "since");
      if (since === null) {
        const rows = await ctx.reader.read<{ entity: EntityRecord | null }>("read/trends", { window, first });
        // The marker row (no entity) says the list was computed; a graph written by an older
        // techtree may hold none yet, and then the list is computed on demand.
        if (rows.length) return rows.filter((r) => r.entity !== null);
        return ctx.reader.read("read/trending", { from: null, fromDay: null, days: TREND_WINDOWS[window as TrendWindow], prior: TREND_PRIOR, first });
      }
      const label = since.startsWith("0000");
      return ctx.reader.read("read/trending", {
        from: label ? null : since,
        fromDay: label ? Number(since.slice(5, 7)) * 100 + Number(since.slice(8, 10)) : null,
        days: null,
        prior: TREND_PRIOR,
        first,
      });
    },

    hardwareUsage: async (_: unknown, args: Args, ctx: Context) => {
      const first = clampFirst(args.first, 50);
      const category = args.category ?? null;
      if (category !== null && !(HARDWARE_CATEGORIES as readonly unknown[]).includes(category)) throw userError("category is not a HardwareCategory", { argument: "category" });
      // Categories come from the curated table in TypeScript, so a category filter runs here over
      // every hardware row; without one the statement returns only the first rows. With variants
      // (the default) a chip's sizes are folded into it: A100 counts the A100-80GB's papers.
      const rows = await ctx.reader.read<{ hardware: EntityRecord; papers: number }>("read/hardware-usage", {
        limit: category === null ? first : null,
        variants: variantsArg(args.includeVariants),
      });
      return rows
        .filter((r) => category === null || classifyHardware(r.hardware.name, r.hardware.aliases ?? []).category === (category as HardwareCategory))
        .slice(0, first);
    },

    stats: async (_: unknown, __: Args, ctx: Context) => {
      const [row] = await ctx.reader.read("read/stats");
      return row;
    },
  },
};
