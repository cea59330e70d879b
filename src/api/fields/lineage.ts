// The shortest builds-on path between two named entities.
import { nameKey, singularKey } from "../../domain";
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
      const keys = [nameKey(names.from), nameKey(names.to)];
      const find = async (keys: string[]) => {
        const rows = await ctx.reader.read<{ key: string; entity: EntityRecord | null }>("read/find-entities", { keys });
        return new Map(rows.map((r) => [r.key, r.entity]));
      };
      const byKey = await find(keys);
      // A plural that names nothing itself names what its singular names, as in technique(name).
      const plurals = keys.filter((k) => !byKey.get(k) && singularKey(k));
      if (plurals.length) {
        const singular = await find(plurals.map((k) => singularKey(k)!));
        for (const k of plurals) byKey.set(k, singular.get(singularKey(k)!) ?? null);
      }
      const from = byKey.get(keys[0]!);
      if (!from) throw await notFoundWithSuggestions(ctx, names.from, null, "from");
      const to = byKey.get(keys[1]!);
      if (!to) throw await notFoundWithSuggestions(ctx, names.to, null, "to");
      if (from.id === to.id) return { direction: "FORWARD", length: 0, entities: [from], hops: [] };
      const [path] = await ctx.reader.read<PathRow>("read/lineage-path", { from: from.id, to: to.id });
      return path ? { ...path, length: path.hops.length } : null;
    },
  },
};
