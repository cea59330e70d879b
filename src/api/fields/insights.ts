// Aggregates over the whole graph: trending entities, hardware usage, counts.
import type { Context } from "../context";
import { dateArg } from "../dates";
import { userError } from "../errors";
import { classifyHardware, HARDWARE_CATEGORIES, type HardwareCategory } from "../hardware";
import type { EntityRecord } from "../model";
import { clampFirst } from "../paging";
import type { Args } from "./common";

export const insightResolvers = {
  Query: {
    trending: (_: unknown, args: Args, ctx: Context) => {
      const since = dateArg(args.since, "since");
      const label = since !== null && since.startsWith("0000");
      return ctx.reader.read("read/trending", {
        since: label ? null : since,
        sinceDay: label ? Number(since.slice(5, 7)) * 100 + Number(since.slice(8, 10)) : null,
        first: clampFirst(args.first, 10),
      });
    },

    hardwareUsage: async (_: unknown, args: Args, ctx: Context) => {
      const first = clampFirst(args.first, 50);
      const category = args.category ?? null;
      if (category !== null && !(HARDWARE_CATEGORIES as readonly unknown[]).includes(category)) throw userError("category is not a HardwareCategory", { argument: "category" });
      // Categories come from the curated table in TypeScript, so the filter runs here; the
      // statement returns one row per hardware entity, which stays small.
      const rows = await ctx.reader.read<{ hardware: EntityRecord; papers: number }>("read/hardware-usage");
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
