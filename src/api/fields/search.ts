// One ranked list over papers and entities from the two full-text indexes.
import type { Context } from "../context";
import { userError } from "../errors";
import { luceneQuery } from "../lucene";
import { pageArgs, toConnection } from "../paging";
import type { Args } from "./common";

interface Hit {
  kind: string;
  /** Entities carry their kind; the statement marks papers with kind "Paper" for SearchResult. */
  item: { kind: string } & Record<string, unknown>;
  score: number;
}

export const searchResolvers = {
  Query: {
    search: async (_: unknown, args: Args, ctx: Context) => {
      if (typeof args.text !== "string" || args.text.length > 500) throw userError("text must be at most 500 characters", { argument: "text" });
      const page = pageArgs(args);
      const query = luceneQuery(args.text.trim());
      const [rows] = query ? await ctx.reader.read<{ total: number; page: Hit[] }>("read/search", { query, skip: page.skip, limit: page.limit }) : [];
      return toConnection(rows, page, (h) => ({ score: h.score, node: h.item }));
    },
  },
  SearchResult: {
    __resolveType: (node: { kind: string }) => node.kind,
  },
};
