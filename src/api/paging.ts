// Arguments and shapes shared by every list: `first` capped at MAX_FIRST, opaque offset cursors bound
// to the list they came from, and Relay connections built from a statement's {total, page} where page
// holds up to first+1 rows.
import { createHash } from "node:crypto";
import { userError } from "./errors";

export const MAX_FIRST = 100;

export interface Page {
  readonly skip: number;
  readonly limit: number;
  /** The list's tag (listTag): every cursor of the page carries it, and `after` must carry it too. */
  readonly list: string;
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

/** Arguments as one string whatever their order; null and absent are the same (the field's default). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== null && x !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

const TAG = /^[A-Za-z0-9_-]{11}$/;

/**
 * Which list a cursor belongs to: the field, the node it hangs off (an entity's or a paper's id, or
 * null for a root field) and every argument but first and after. A cursor is an offset, so an
 * offset into one list given to another (another field, filter, order, text or parent) would
 * answer a page of that list that follows nothing the client saw; the tag lets decodeCursor refuse it.
 */
export function listTag(field: string, parent: string | null, args: Record<string, unknown>): string {
  const { first: _first, after: _after, ...shaping } = args;
  return createHash("sha256").update(canonical([field, parent, shaping])).digest("base64url").slice(0, 11);
}

export function encodeCursor(offset: number, list: string): string {
  return Buffer.from(`o:${offset}:${list}`, "utf8").toString("base64url");
}

/** Offset of the row a cursor names. Cursors are positions in a list, so a list that changes between pages may shift. */
export function decodeCursor(cursor: unknown, list: string): number {
  if (typeof cursor !== "string" || cursor.length > 64) throw userError("after must be a cursor from this API", { argument: "after" });
  const m = /^o:(\d{1,9}):(.*)$/s.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!m || !TAG.test(m[2]!)) throw userError("after must be a cursor from this API", { argument: "after" });
  if (m[2] !== list) {
    throw userError("after is a cursor of another list (another field, filter, order, text or parent): pass the endCursor this field returned for the same arguments", { argument: "after" });
  }
  return Number(m[1]);
}

/** The page a list's first and after ask for; `list` is the list's listTag. */
export function pageArgs(args: { first?: unknown; after?: unknown }, list: string, fallback = 20): Page {
  const limit = clampFirst(args.first, fallback);
  const skip = args.after === undefined || args.after === null ? 0 : decodeCursor(args.after, list) + 1;
  return { skip, limit, list };
}

/** A connection's edge. The cursor is encoded only when a query selects it, which most do not. */
export class Edge<N> {
  constructor(readonly node: N, readonly score: number | null, private readonly offset: number, private readonly list: string) {}

  get cursor(): string {
    return encodeCursor(this.offset, this.list);
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
    return new Edge(e.node, e.score, page.skip + i, page.list);
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: all.length > page.limit,
      hasPreviousPage: page.skip > 0,
      startCursor: edges.length ? encodeCursor(page.skip, page.list) : null,
      endCursor: edges.length ? encodeCursor(page.skip + edges.length - 1, page.list) : null,
    },
    totalCount: rows?.total ?? 0,
  };
}

/** A paper connection: edges {node, score} plus the nodes shortcut. */
export function paperConnection<P>(rows: PageRows<{ paper: P; score?: number | null } | P> | undefined, page: Page, unwrap: (row: unknown) => { node: P; score: number | null }) {
  const c = toConnection(rows as PageRows<unknown> | undefined, page, unwrap);
  return { ...c, nodes: c.edges.map((e) => e.node) };
}
