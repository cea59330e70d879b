// papersConnection: one plan per driving side, so no query reads more papers than its most
// selective filter yields. Full text drives when given (its hits are ranked); else the entity filter
// naming the fewest papers (MENTIONS degree; an entity filter names the entity and, unless
// filter.includeVariants is false, its variants: "Llama 2" also Llama-2-7B); else the listedOn index for date bounds; else the
// input-order and listing-date indexes, which read only the page asked for. since (a bound on
// Paper.datedOn, the listing day else the day stored) is one more filter, and drives (the
// paper_dated_on index) when neither text nor an entity does. An author filter (the byline, matched
// on the Author id the writer gives: "author:" + nameKey) is one more side: it drives when its
// author has no more papers than the rarest entity filter names, else it is a condition ($author).
import { nameKey, nameLookups, type EntityKind } from "../../domain";
import type { Context } from "../context";
import { dateArg, hasSince, sinceArg } from "../dates";
import { notFound, userError } from "../errors";
import { luceneQuery } from "../lucene";
import { fuzzyQuery, rankAuthorSuggestions, type AuthorCandidate } from "../suggest";
import type { PaperRecord } from "../model";
import { listTag, pageArgs, paperConnection, type Page, type PageRows } from "../paging";
import { MAX_NAME, notFoundWithSuggestions, variantsArg, type Args } from "./common";

const ORDERS = new Set(["INPUT_ORDER", "RELEVANCE", "TITLE", "LISTING_DATE_DESC", "LISTING_DATE_ASC"]);
const ENTITY_FILTERS: readonly (readonly [string, EntityKind])[] = [["technique", "Technique"], ["model", "Model"], ["dataset", "Dataset"], ["hardware", "Hardware"]];
/** The widest dates a range scan uses when a bound is absent (papers of unknown year are 0000). */
const LOWEST = "0000-01-01";
const HIGHEST = "9999-12-31";

type Scored = { paper: PaperRecord; score: number | null };
type Rows = PageRows<Scored>;

interface DateBounds {
  /** ISO bounds, or null. */
  lo: string | null;
  hi: string | null;
  /** Bounds given as labels without a year: month * 100 + day, compared on month and day only. */
  fromDay: number | null;
  toDay: number | null;
}

interface Filter {
  /** The PaperFilter field (technique, model, ...). */
  name: string;
  kind: EntityKind;
  key: string;
  /** The name as given, for the NOT_FOUND message. */
  text: string;
}

export async function papersConnection(_: unknown, args: Args, ctx: Context) {
  const page = pageArgs(args, listTag("papersConnection", null, args));
  const order = orderArg(args.orderBy);
  const f = (args.filter ?? {}) as Record<string, unknown>;
  const filters = entityFilters(f);
  // A byline name, keyed as the writer keys Author nodes.
  const author = nameFilter(f.author, "author");
  const dates = dateBounds(f);
  const query = textFilter(f.text);
  const since = sinceArg(args.since);
  const common = { ...dates, ...since, order, skip: page.skip, limit: page.limit };

  let byAuthor = false;
  let resolved: { filter: string; ids: string[]; papers: number }[] = [];
  if (filters.length) {
    // Each filter names its entity's ids: the entity, and its variants unless includeVariants is false.
    const variants = variantsArg(f.includeVariants, "filter.includeVariants");
    // Each filter is looked up as technique(name) looks a name up (nameLookups): the name (a plural,
    // "A100s", names what its singular names when it names nothing itself), then, for a hardware
    // filter that names nothing itself, the chip it is written as ("NVIDIA A100-80GB" is the A100).
    // One read per step, for the filters the steps before left unresolved.
    const lookups = filters.map(({ text, kind }) => nameLookups(text, kind));
    for (let step = 0; ; step++) {
      const batch = filters.flatMap(({ name, kind }, i) => {
        const lookup = lookups[i]![step];
        return lookup && !resolved.some((r) => r.filter === name) ? [{ name, kind, ...lookup }] : [];
      });
      if (!batch.length) break;
      resolved.push(...(await ctx.reader.read<{ filter: string; ids: string[]; papers: number }>("read/filter-entities", { filters: batch, variants })));
    }
    // A name that names no entity is NOT_FOUND with the closest names, as technique(name) answers it:
    // an empty page would say "no papers" to a typo ("A100z"), which a user cannot tell from a known
    // name with no papers in range (that stays an empty page).
    const unknown = filters.find((f) => !resolved.some((r) => r.filter === f.name));
    if (unknown) throw await notFoundWithSuggestions(ctx, unknown.text, unknown.kind, `filter.${unknown.name}`);
    resolved.sort((a, b) => a.papers - b.papers);
  }
  let authorId: string | null = null;
  if (author) {
    const [row] = await ctx.reader.read<{ id: string; papers: number }>("read/filter-author", { id: `author:${author.key}` });
    if (!row) throw await unknownAuthor(ctx, author.text);
    authorId = row.id;
    byAuthor = query === null && (!resolved.length || row.papers <= resolved[0]!.papers);
  }
  const driver = query === null && !byAuthor && resolved.length ? resolved[0]!.ids : null;
  const others = (driver ? resolved.slice(1) : resolved).map((r) => r.ids);
  if (query === "") return paperConnection(undefined, page, unwrap);
  let rows: Rows | undefined;
  if (query !== null) [rows] = await ctx.reader.read<Rows>("read/papers-connection-text", { ...common, query, others, author: authorId });
  else if (byAuthor) [rows] = await ctx.reader.read<Rows>("read/papers-connection-author", { ...common, author: authorId, others });
  else if (driver) [rows] = await ctx.reader.read<Rows>("read/papers-connection-entity", { ...common, driver, others, author: authorId });
  else if (hasSince(since)) [rows] = await ctx.reader.read<Rows>("read/papers-connection-since", common);
  else if (dates.lo || dates.hi || dates.fromDay !== null || dates.toDay !== null) {
    [rows] = await ctx.reader.read<Rows>("read/papers-connection-dated", { ...common, lo: dates.lo ?? LOWEST, hi: dates.hi ?? HIGHEST });
  } else rows = await allPapers(ctx, order, page);
  return paperConnection(rows, page, unwrap);
}

/** No filter: index-ordered pages; when a date-ordered page runs past the dated papers, the undated follow. */
async function allPapers(ctx: Context, order: string, page: Page): Promise<Rows> {
  const [all] = await ctx.reader.read<{ total: number; page: Scored[] }>("read/papers-connection-all", { order, skip: page.skip, limit: page.limit });
  if (!all) return { total: 0, page: [] };
  if (!order.startsWith("LISTING_DATE") || all.page.length > page.limit) return all;
  const [undated] = await ctx.reader.read<{ page: Scored[] }>("read/papers-undated", { skip: page.skip, limit: page.limit + 1 - all.page.length });
  return { total: all.total, page: [...all.page, ...(undated?.page ?? [])] };
}

function unwrap(row: unknown) {
  const r = row as Scored;
  return { node: r.paper, score: r.score ?? null };
}

function orderArg(v: unknown): string {
  const order = v ?? "INPUT_ORDER";
  if (typeof order !== "string" || !ORDERS.has(order)) throw userError("orderBy is not a PaperOrder", { argument: "orderBy" });
  return order;
}

function entityFilters(f: Record<string, unknown>): Filter[] {
  const out: Filter[] = [];
  for (const [name, kind] of ENTITY_FILTERS) {
    const given = nameFilter(f[name], name);
    if (given) out.push({ name, kind, ...given });
  }
  return out;
}

/** A filter field that names something: its name key and the text given; null when not given. */
function nameFilter(v: unknown, field: string): { key: string; text: string } | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "string" || v.length > MAX_NAME || !nameKey(v)) throw userError(`filter.${field} must be a name of at most ${MAX_NAME} characters`, { argument: `filter.${field}` });
  return { key: nameKey(v), text: v };
}

function dateBounds(f: Record<string, unknown>): DateBounds {
  const from = dateArg(f.listedFrom, "filter.listedFrom");
  const to = dateArg(f.listedTo, "filter.listedTo");
  const monthDay = (key: string) => Number(key.slice(5, 7)) * 100 + Number(key.slice(8, 10));
  const labelled = (key: string | null) => key !== null && key.startsWith("0000");
  return {
    lo: from !== null && !labelled(from) ? from : null,
    hi: to !== null && !labelled(to) ? to : null,
    fromDay: from !== null && labelled(from) ? monthDay(from) : null,
    toDay: to !== null && labelled(to) ? monthDay(to) : null,
  };
}

/** null: no text filter; "": text that leaves no search term (matches nothing). */
function textFilter(text: unknown): string | null {
  if (text === undefined || text === null) return null;
  if (typeof text !== "string" || text.length > 500) throw userError("filter.text must be at most 500 characters", { argument: "filter.text" });
  return text.trim() ? luceneQuery(text) : null;
}

/** NOT_FOUND for a byline name nobody has, with the closest author names, as an unknown entity name is answered. */
async function unknownAuthor(ctx: Context, name: string) {
  const query = fuzzyQuery(name);
  const candidates = query ? await ctx.reader.read<AuthorCandidate>("read/suggest-authors", { query }) : [];
  const ranked = rankAuthorSuggestions(name, candidates);
  const hint = ranked.length ? `; did you mean ${ranked.join(", ")}?` : "";
  return notFound(`no author named "${name}"${hint}`, { argument: "filter.author", suggestions: ranked });
}
