// What changed since a moment (src/follow/changes.ts), the log of ingests, and Paper.addedAt.
import type { Context } from "../context";
import { userError } from "../errors";
import type { PaperRecord } from "../model";
import { clampFirst } from "../paging";
import { parseInstant } from "../scalars";
import { MAX_NAME, type Args } from "./common";
import { MAX_FOLLOW, readChanges, type FactChange, type FactChangeKind, type FollowedChanges } from "../../follow/changes";
import type { FollowedCorrection } from "../../follow/corrections";
import type { IngestRecord } from "../../ingest/record";

const KIND_ENUM: { readonly [K in FactChangeKind]: string } = {
  introduces: "INTRODUCES", builds_on: "BUILDS_ON", compares_to: "COMPARES_TO", uses: "USES", hardware: "HARDWARE",
};

const ofKind = (kind: FactChangeKind) => (f: FollowedChanges) => f.facts.filter((x) => x.kind === kind);

export const changesResolvers = {
  Query: {
    changes: async (_: unknown, args: Args, ctx: Context) => {
      // The scalar has parsed it already; a Date also arrives here from executeOperation callers.
      const since = args.since instanceof Date ? args.since : parseInstant(args.since);
      return readChanges(ctx.reader, { since, follow: followArg(args.follow), first: clampFirst(args.first, 100), includeVariants: args.includeVariants !== false });
    },
    ingests: async (_: unknown, args: Args, ctx: Context): Promise<IngestRecord[]> =>
      (await ctx.reader.read<{ ingest: IngestRecord }>("read/ingests", { since: null, first: clampFirst(args.first, 20) })).map((r) => r.ingest),
  },

  FollowedChanges: {
    introducedIn: ofKind("introduces"),
    buildsOn: ofKind("builds_on"),
    comparedIn: ofKind("compares_to"),
    usedIn: ofKind("uses"),
    hardware: ofKind("hardware"),
  },

  FollowedCorrection: {
    effect: (c: FollowedCorrection) => c.effect.toUpperCase(),
  },

  FactChange: {
    kind: (f: FactChange) => KIND_ENUM[f.kind],
    claim: (f: FactChange) => f.evidence.claim ?? null,
  },

  Paper: {
    // Statements that project a few paper fields leave addedAt out; the paper loader has them all.
    addedAt: async (p: PaperRecord & { addedAt?: string | null }, _: Args, ctx: Context) =>
      p.addedAt !== undefined ? p.addedAt : ((await ctx.loaders.paper.load(p.id)) as { addedAt?: string | null } | null)?.addedAt ?? null,
  },
};

function followArg(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > MAX_FOLLOW) throw userError(`follow takes at most ${MAX_FOLLOW} names`, { argument: "follow" });
  for (const name of v) {
    if (typeof name !== "string" || !name.trim() || name.length > MAX_NAME) throw userError(`each followed name must be a non-empty string of at most ${MAX_NAME} characters`, { argument: "follow" });
  }
  return v as string[];
}
