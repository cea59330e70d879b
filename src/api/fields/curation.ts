// Curation: people correct the graph (schema.graphql "curation"). The mutations validate their
// arguments here and leave the graph work to src/curation; every one needs the API key.
import type { CurationAction as Action, EntityKind, FactKind } from "../../domain";
import { ENTITY_KINDS, FACT_KINDS } from "../../domain";
import { Curator, CurationError, type CurationRecord } from "../../curation/curate";
import { requireWriter } from "../auth";
import type { Context } from "../context";
import { userError } from "../errors";
import { clampFirst } from "../paging";
import { refreshDerived } from "../../derived/refresh";
import type { Args } from "./common";

const ACTION_NAME: { readonly [A in Action]: string } = {
  confirm: "CONFIRM_FACT", reject: "REJECT_FACT", add: "ADD_FACT", merge: "MERGE_ENTITIES", split: "SPLIT_ALIAS", rename: "RENAME_ENTITY", kind: "SET_ENTITY_KIND",
};
const MAX_TEXT = 2_000;

function text(value: unknown, argument: string, required: boolean, max = MAX_TEXT): string | null {
  if (value === undefined || value === null) {
    if (required) throw userError(`${argument} is required`, { argument });
    return null;
  }
  if (typeof value !== "string" || !value.trim()) throw userError(`${argument} must be a non-empty string`, { argument });
  if (value.length > max) throw userError(`${argument} is longer than ${max} characters`, { argument });
  return value.trim();
}

function enumArg<T extends string>(value: unknown, all: readonly T[], argument: string): T {
  const found = all.find((k) => k.toUpperCase() === value);
  if (!found) throw userError(`${argument} must be one of ${all.map((k) => k.toUpperCase()).join(", ")}`, { argument });
  return found;
}

/** A correction as a mutation answers it: with a warning when what is derived from the graph lags it. */
type Answer = CurationRecord & { readonly warning?: string };

/** Curation.warning when the refresh after a correction failed: the correction is made all the same. */
export const STALE_DERIVED =
  "The correction is made and stored; refreshing the derived data after it failed, so trending lists and variants do not show it yet. " +
  "Do not repeat the correction: the next ingest (techtree ingest, watch, up or the ingest mutation) or `techtree topics` refreshes them.";

/**
 * Runs a correction: the key first, then the work; a correction that cannot be made is BAD_USER_INPUT
 * with why. The correction is committed before the derived data are refreshed, so a failed refresh
 * does not make it an error (a client would make it twice, or think it was not made): the answer is
 * the correction with `warning`, and the correction marked the derived data stale (Curator.tx), so
 * the next ingest refreshes them even when it writes nothing.
 */
async function curate(ctx: Context, work: (c: Curator) => Promise<CurationRecord>): Promise<Answer> {
  requireWriter(ctx);
  let record: CurationRecord;
  try {
    record = await work(new Curator(ctx.db, ctx.config.apiKeyName, ctx.config.queryTimeoutMs));
  } catch (err) {
    if (err instanceof CurationError) throw userError(err.message, { argument: err.argument, reason: err.message });
    throw err;
  }
  try {
    // Trending counts mentions, which corrections change; topics keep their papers.
    await refreshDerived(ctx.db, "skip");
    return record;
  } catch (err) {
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), kind: "curation", curation: record.id, refresh: "failed", error: err instanceof Error ? err.message : String(err) })}\n`);
    return { ...record, warning: STALE_DERIVED };
  }
}

function summary(c: CurationRecord): string {
  const why = c.reason ? ` (${c.reason})` : "";
  switch (c.action) {
    case "confirm": return `confirmed ${c.factId}${why}`;
    case "reject": return `rejected ${c.factId}${why}`;
    case "add": return `added ${c.factId}${why}`;
    case "merge": return `merged ${c.from} into ${c.into}${why}`;
    case "kind": return `made ${c.from} the ${c.kind} ${c.into}${why}`;
    case "split": return `split "${c.alias}" off ${c.entity} as ${c.into}${why}`;
    case "rename": return `renamed ${c.entity} to "${c.name}"${why}`;
  }
}

const cursorOf = (id: string) => Buffer.from(`c:${id}`, "utf8").toString("base64url");

function afterArg(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  const m = typeof v === "string" && v.length < 64 ? /^c:(c_[0-9a-z]{9}[0-9a-f]{8})$/.exec(Buffer.from(v, "base64url").toString("utf8")) : null;
  if (!m) throw userError("after must be a cursor from curations", { argument: "after" });
  return m[1]!;
}

export const curationResolvers = {
  Query: {
    curations: async (_: unknown, args: Args, ctx: Context) => {
      const first = clampFirst(args.first, 20);
      const after = afterArg(args.after);
      const rows = await ctx.reader.read<{ curation: CurationRecord }>("read/curations", { first: first + 1, after });
      const [count] = await ctx.reader.read<{ n: number }>("read/curations-count");
      const nodes = rows.slice(0, first).map((r) => r.curation);
      const edges = nodes.map((node) => ({ cursor: cursorOf(node.id), node }));
      return {
        edges, nodes, totalCount: Number(count?.n ?? 0),
        pageInfo: { hasNextPage: rows.length > first, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
      };
    },
  },

  Mutation: {
    confirmFact: (_: unknown, args: Args, ctx: Context) =>
      curate(ctx, (c) => c.confirmFact(text(args.factId, "factId", true, 600)!, text(args.reason, "reason", false))),
    rejectFact: (_: unknown, args: Args, ctx: Context) =>
      curate(ctx, (c) => c.rejectFact(text(args.factId, "factId", true, 600)!, text(args.reason, "reason", true)!)),
    addFact: (_: unknown, args: Args, ctx: Context) =>
      curate(ctx, (c) => {
        const input = (args.input ?? {}) as Args;
        const claim = text(input.claim, "input.claim", false, 200);
        return c.addFact({
          paper: text(input.paper, "input.paper", true, 200)!,
          kind: enumArg<FactKind>(input.kind, FACT_KINDS, "input.kind"),
          entity: text(input.entity, "input.entity", true, 200)!,
          ...(input.entityKind ? { entityKind: enumArg<EntityKind>(input.entityKind, ENTITY_KINDS, "input.entityKind") } : {}),
          sentence: text(input.sentence, "input.sentence", true)!,
          ...(claim ? { claim } : {}),
        }, text(args.reason, "reason", false));
      }),
    mergeEntities: (_: unknown, args: Args, ctx: Context) =>
      curate(ctx, (c) => c.mergeEntities(text(args.into, "into", true, 300)!, text(args.from, "from", true, 300)!, text(args.reason, "reason", false))),
    splitAlias: (_: unknown, args: Args, ctx: Context) =>
      curate(ctx, (c) => c.splitAlias(text(args.entity, "entity", true, 300)!, text(args.alias, "alias", true, 200)!, text(args.reason, "reason", false))),
    renameEntity: (_: unknown, args: Args, ctx: Context) =>
      curate(ctx, (c) => c.renameEntity(text(args.id, "id", true, 300)!, text(args.name, "name", true, 200)!, text(args.reason, "reason", false))),
    setEntityKind: (_: unknown, args: Args, ctx: Context) =>
      curate(ctx, (c) => c.setEntityKind(text(args.id, "id", true, 300)!, enumArg<EntityKind>(args.kind, ENTITY_KINDS, "kind"), text(args.reason, "reason", false))),
    undoCuration: (_: unknown, args: Args, ctx: Context) =>
      curate(ctx, (c) => c.undo(text(args.id, "id", true, 100)!)),
  },

  Curation: {
    action: (c: CurationRecord) => ACTION_NAME[c.action],
    paper: (c: CurationRecord, _: Args, ctx: Context) => (c.paper ? ctx.loaders.paper.load(c.paper) : null),
    summary,
    undone: (c: CurationRecord) => !!c.undoneAt,
    warning: (c: Answer) => c.warning ?? null,
  },

  Evidence: {
    confirmed: (e: { confirmed?: boolean | null }) => e.confirmed === true,
  },
};
