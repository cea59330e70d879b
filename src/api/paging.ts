// Arguments and shapes shared by every list: `first` capped at MAX_FIRST, opaque offset cursors,
// and Relay connections built from a statement's {total, page} where page holds up to first+1 rows.
import { userError } from "./errors";

export const MAX_FIRST = 100;

export interface Page {
  readonly skip: number;
  readonly limit: number;
}

export interface PageRows<T> {
  readonly total: number;
  readonly page: readonly T[];
}

/** A list's `first`: a whole number from 1 to max (100 unless the field says otherwise), one message for every list. */
export function clampFirst(v: unknown, fallback = 20, max: number = MAX_FIRST): number {
  const n = v ?? fallback;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > max) {
    throw userError(`first must be a whole number from 1 to ${max}`, { argument: "first", max });
  }
  return n;
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, "utf8").toString("base64url");
}

/** Offset of the row a cursor names. Cursors are positions in a list, so a list that changes between pages may shift. */
export function decodeCursor(cursor: unknown): number {
  if (typeof cursor !== "string" || cursor.length > 32) throw userError("after must be a cursor from this API", { argument: "after" });
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!m) throw userError("after must be a cursor from this API", { argument: "after" });
  return Number(m[1]);
}

export function pageArgs(args: { first?: unknown; after?: unknown }, fallback = 20): Page {
  const limit = clampFirst(args.first, fallback);
  const skip = args.after === undefined || args.after === null ? 0 : decodeCursor(args.after) + 1;
  return { skip, limit };
}

/** A connection's edge. The cursor is encoded only when a query selects it, which most do not. */
export class Edge<N> {
  constructor(readonly node: N, readonly score: number | null, private readonly offset: number) {}

  get cursor(): string {
    return encodeCursor(this.offset);
  }
}

export interface Connection<N> {
  edges: Edge<N>[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

export function toConnection<T, N>(rows: PageRows<T> | undefined, page: Page, edge: (row: T) => { node: N; score: number | null }): Connection<N> {
  const all = rows?.page ?? [];
  const kept = all.slice(0, page.limit);
  const edges = kept.map((row, i) => {
    const e = edge(row);
    return new Edge(e.node, e.score, page.skip + i);
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: all.length > page.limit,
      hasPreviousPage: page.skip > 0,
      startCursor: edges.length ? encodeCursor(page.skip) : null,
      endCursor: edges.length ? encodeCursor(page.skip + edges.length - 1) : null,
    },
    totalCount: rows?.total ?? 0,
  };
}

/** A paper connection: edges {node, score} plus the nodes shortcut. */
export function paperConnection<P>(rows: PageRows<{ paper: P; score?: number | null } | P> | undefined, page: Page, unwrap: (row: unknown) => { node: P; score: number | null }) {
  const c = toConnection(rows as PageRows<unknown> | undefined, page, unwrap);
  return { ...c, nodes: c.edges.map((e) => e.node) };
}
