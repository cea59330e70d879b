// The shortest builds-on path between two named entities.
import { nameLookup } from "../../domain";
import type { Context } from "../context";
import type { EdgeRecord, EntityRecord } from "../model";
import { nameArg, notFoundWithSuggestions, type Args } from "./common";

interface PathRow {
  direction: "FORWARD" | "BACKWARD";
  entities: EntityRecord[];
  hops: { from: EntityRecord; to: EntityRecord; evidence: EdgeRecord[] }[];
}

export const lineageResolvers = {
  Query: {
    lineagePath: async (_: unknown, args: Args, ctx: Context) => {
      const names = { from: nameArg(args.from, "from"), to: nameArg(args.to, "to") };
      // A plural that names nothing itself names what its singular names, as in technique(name).
      const lookups = [nameLookup(names.from), nameLookup(names.to)];
      const rows = await ctx.reader.read<{ key: string; entity: EntityRecord | null }>("read/find-entities", { keys: lookups });
      const byKey = new Map(rows.map((r) => [r.key, r.entity]));
      const from = byKey.get(lookups[0]!.key);
      if (!from) throw await notFoundWithSuggestions(ctx, names.from, null, "from");
      const to = byKey.get(lookups[1]!.key);
      if (!to) throw await notFoundWithSuggestions(ctx, names.to, null, "to");
      if (from.id === to.id) return { direction: "FORWARD", length: 0, entities: [from], hops: [] };
      const [path] = await ctx.reader.read<PathRow>("read/lineage-path", { from: from.id, to: to.id });
      return path ? { ...path, length: path.hops.length } : null;
    },
  },
};
