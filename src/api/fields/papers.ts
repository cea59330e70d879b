// Papers: the list, the filtered connection, one paper, and the fields of Paper.
import type { GraphQLResolveInfo } from "graphql";
import { factOfEdge, nameKey, paperId, type FactKind } from "../../domain";
import type { Context } from "../context";
import { dateArg, hasSince, sinceArg } from "../dates";
import { userError } from "../errors";
import { luceneQuery } from "../lucene";
import type { EdgeRecord, EntityRecord, PaperFactRow, PaperMetadata, PaperRecord } from "../model";
import { clampFirst, listTag, pageArgs, paperConnection } from "../paging";
import { selectsOnly, type Args } from "./common";
import { papersConnection } from "./papers-connection";
import { withStubRoom } from "./search";
import { readPaperView } from "./paper-view";

export const paperResolvers = {
  Query: {
    paper: async (_: unknown, args: Args, ctx: Context, info: GraphQLResolveInfo): Promise<PaperRecord | null> => {
      const id = typeof args.id === "string" ? args.id : typeof args.title === "string" ? paperId(args.title) : null;
      if (!id) throw userError("paper needs an id or a title");
      if (id.length > 1000) throw userError("id or title is too long");
      return readPaperView(ctx, id, info);
    },

    papers: async (_: unknown, args: Args, ctx: Context): Promise<PaperRecord[]> => {
      const first = clampFirst(args.first);
      const since = sinceArg(args.since);
      const search = typeof args.search === "string" ? args.search.trim() : "";
      if (!search) {
        const name = hasSince(since) ? "read/papers-since" : "read/papers-recent";
        return (await ctx.reader.read<{ paper: PaperRecord }>(name, { first, ...since })).map((r) => r.paper);
      }
      const query = luceneQuery(search);
      if (!query) return [];
      const row = await withStubRoom((room) => ctx.reader.read<{ papers: PaperRecord[]; cut: boolean }>("read/papers-search", { query, first, room, ...since }));
      return row?.papers ?? [];
    },

    papersConnection,
  },

  Paper: {
    // A stub (a paper known only from the references of papers that cite it) has no abstract, and
    // no title when no reference gave one; both fields are non-null, so they answer "" rather than
    // fail the whole list (cites, citedBy) with an internal error.
    title: (p: { title?: string | null }) => p.title ?? "",
    // Lists that rarely show abstracts leave them out (changes, related papers): most of their bytes.
    abstract: async (p: Omit<PaperRecord, "abstract"> & { abstract?: string | null }, _: Args, ctx: Context) =>
      (p.abstract !== undefined ? p.abstract : (await ctx.loaders.paper.load(p.id))?.abstract) ?? "",
    introduces: factField("introduces"),
    buildsOn: factField("builds_on"),
    comparesTo: factField("compares_to"),
    hardware: factField("hardware"),
    datasets: factField("datasets"),
    models: factField("models"),
    related: (p: PaperRecord, args: Args, ctx: Context) => ctx.loaders.related(clampFirst(args.first, 5)).load(p.id),
    cites: citations("out"),
    citedBy: citations("in"),
    sources: metadataField((m) => m.sources.map((key) => ({ kind: key.slice(0, key.indexOf(":")), id: key.slice(key.indexOf(":") + 1) }))),
    authors: metadataField((m) => m.authors),
    categories: metadataField((m) => m.categories),
    venue: metadataField((m) => m.venue),
    arxivId: metadataField((m) => m.arxivId),
    doi: metadataField((m) => m.doi),
    url: metadataField(paperUrl),
  },

  Evidence: {
    // The explorer asks paper { id title } of every sentence in a view: a brief read does for that,
    // and read/graph-edges brings it with each sentence.
    paper: (e: EdgeRecord, _: Args, ctx: Context, info: GraphQLResolveInfo) =>
      !selectsOnly(info, BRIEF_FIELDS) ? ctx.loaders.paper.load(e.paper) : e.paperBrief ?? ctx.loaders.paperBrief.load(e.paper),
  },
};

/** A Paper field made from what its sources say (read/paper-metadata, one statement for every paper of a response). */
function metadataField<T>(pick: (m: PaperMetadata) => T) {
  return async (p: PaperRecord, _: Args, ctx: Context): Promise<T> => pick(await ctx.loaders.paperMetadata.load(p.id));
}

/** Where to read a paper: its arXiv page, else its DOI, else its Semantic Scholar or OpenAlex page; null for a paper only pages gave. */
export function paperUrl(m: Pick<PaperMetadata, "arxivId" | "doi" | "s2Id" | "openalexId">): string | null {
  if (m.arxivId) return `https://arxiv.org/abs/${m.arxivId}`;
  if (m.doi) return `https://doi.org/${m.doi}`;
  if (m.s2Id) return `https://www.semanticscholar.org/paper/${m.s2Id}`;
  if (m.openalexId) return `https://openalex.org/${m.openalexId}`;
  return null;
}

/** What read/paper-brief holds; a selection of nothing else needs no whole paper. */
const BRIEF_FIELDS: ReadonlySet<string> = new Set(["id", "title", "listingDate", "__typename"]);

function unwrapScored(row: unknown) {
  const r = row as { paper: PaperRecord; score: number | null };
  return { node: r.paper, score: r.score ?? null };
}

function citations(direction: "in" | "out") {
  return async (p: PaperRecord, args: Args, ctx: Context) => {
    const page = pageArgs(args, listTag(direction === "out" ? "Paper.cites" : "Paper.citedBy", p.id, args));
    const rows = await ctx.loaders.citations(direction, page).load(p.id);
    return paperConnection(rows, page, (q) => ({ node: q as PaperRecord, score: null }));
  };
}

/** A Paper field listing the entities of one fact kind (the edge's `fact` says which; see RELATIONSHIP_OF_FACT). */
function factField(kind: FactKind) {
  return async (p: PaperRecord, _: Args, ctx: Context): Promise<EntityRecord[]> => {
    const rows = (await ctx.loaders.paperFacts.load(p.id)).filter((r: PaperFactRow) => factOfEdge(r.fact) === kind);
    const seen = new Set<string>();
    return rows.map((r) => r.entity).filter((e) => !seen.has(e.id) && !!seen.add(e.id));
  };
}
