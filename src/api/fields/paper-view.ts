// paper(id): the paper and what its query selects of it directly (facts, related papers, topics) in
// one statement (read/paper-view) instead of four, handed to the loaders the Paper fields read from,
// so each field resolves as before, with the same rows.
import { getArgumentValues, type GraphQLObjectType, type GraphQLResolveInfo } from "graphql";
import type { Context } from "../context";
import { RELATED_MAX_DF } from "../loaders";
import type { PaperFactRow, PaperRecord, RelatedRow } from "../model";
import { clampFirst } from "../paging";
import { primePaperTopics, type TopicRecord } from "../resolvers-visual";
import { fieldsAt, selectedFields } from "./common";

/** Paper fields read from a loader of their own, or from the paper's id, title and listing date. */
const FROM_LOADERS: ReadonlySet<string> = new Set([
  "id", "title", "listingDate", "__typename",
  "introduces", "buildsOn", "comparesTo", "hardware", "datasets", "models", "related", "topics", "cites", "citedBy", "sources",
  "authors", "categories", "venue", "arxivId", "doi", "url",
]);
const FACT_FIELDS = ["introduces", "buildsOn", "comparesTo", "hardware", "datasets", "models"] as const;

interface PaperViewRow {
  paper: PaperRecord;
  facts: Omit<PaperFactRow, "id">[];
  related: RelatedRow[];
  topics: TopicRecord[];
}

export async function readPaperView(ctx: Context, id: string, info: GraphQLResolveInfo): Promise<PaperRecord | null> {
  const direct = selectedFields(info).map((f) => f.name.value);
  // The whole record (abstract, addedAt and the rest) only when a field reads it from its parent.
  const whole = direct.some((name) => !FROM_LOADERS.has(name));
  const facts = FACT_FIELDS.some((name) => direct.includes(name));
  const related = relatedFirst(info);
  const topics = direct.includes("topics");
  const [row] = await ctx.reader.read<PaperViewRow>("read/paper-view", { id, whole, facts, related, maxDf: RELATED_MAX_DF, topics });
  if (!row) return null;
  ctx.loaders.primePaper(id, {
    whole: whole ? row.paper : undefined,
    facts: facts ? row.facts : undefined,
    related: related !== null ? { first: related, rows: row.related } : undefined,
  });
  if (topics) primePaperTopics(ctx, id, row.topics);
  return row.paper;
}

/**
 * The `first` of the related papers the query selects directly, when all its selections of them
 * agree on one valid value; otherwise null, and Paper.related reads them (and reports a bad value).
 */
function relatedFirst(info: GraphQLResolveInfo): number | null {
  const nodes = fieldsAt(info, ["related"]);
  const field = (info.schema.getType("Paper") as GraphQLObjectType).getFields().related;
  if (nodes.length === 0 || !field) return null;
  const firsts = new Set<number>();
  try {
    for (const node of nodes) firsts.add(clampFirst(getArgumentValues(field, node, info.variableValues).first, 5));
  } catch {
    return null;
  }
  return firsts.size === 1 ? [...firsts][0]! : null;
}
