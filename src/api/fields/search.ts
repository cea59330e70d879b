// One ranked list over papers and entities from the two full-text indexes.
import { nameKey } from "../../domain";
import type { Context } from "../context";
import { userError } from "../errors";
import { luceneQuery } from "../lucene";
import { listTag, pageArgs, toConnection } from "../paging";
import type { Args } from "./common";

interface Hit {
  kind: string;
  /** Entities carry their kind; the statement marks papers with kind "Paper" for SearchResult. */
  item: { kind: string } & Record<string, unknown>;
  score: number;
}

/** Paper hits read beyond a page for stubs (read/search and read/papers-search $room), to begin with. */
export const STUB_ROOM = 20;

/**
 * Reads a full-text page with room for stubs among the paper index's hits: enough on almost every
 * graph; while the statement says it was not (cut), it reads again with ten times more.
 */
export async function withStubRoom<R extends { cut: boolean }>(read: (room: number) => Promise<R[]>): Promise<R | undefined> {
  for (let room = STUB_ROOM; ; room *= 10) {
    const [row] = await read(room);
    if (!row?.cut) return row;
  }
}

async function searchTotal(ctx: Context, query: string): Promise<number> {
  const [row] = await ctx.reader.read<{ total: number }>("read/search-total", { query });
  return row?.total ?? 0;
}

export const searchResolvers = {
  Query: {
    search: async (_: unknown, args: Args, ctx: Context) => {
      if (typeof args.text !== "string" || args.text.length > 500) throw userError("text must be at most 500 characters", { argument: "text" });
      const page = pageArgs(args, listTag("search", null, args));
      const query = luceneQuery(args.text.trim());
      const key = nameKey(args.text);
      if (!query) return toConnection(undefined, page, (h: Hit) => ({ score: h.score, node: h.item }));
      const rows = await withStubRoom((room) => ctx.reader.read<{ page: Hit[]; cut: boolean }>("read/search", { query, key, skip: page.skip, limit: page.limit, room }));
      const connection = toConnection({ total: 0, page: rows?.page ?? [] }, page, (h) => ({ score: h.score, node: h.item }));
      // Counting visits every hit of both indexes, so it runs only for queries that select totalCount
      // (graphql-js calls a function-valued field with the field's arguments).
      return { ...connection, totalCount: () => searchTotal(ctx, query) };
    },
  },
  SearchResult: {
    __resolveType: (node: { kind: string }) => node.kind,
  },
};
