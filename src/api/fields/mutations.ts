// Writes, behind the API key: ingest text through the CLI's pipeline, delete a paper.
import { requireWriter } from "../auth";
import type { Context } from "../context";
import { userError } from "../errors";
import { ingestText } from "../ingest-text";
import { run } from "../../graph/db";
import { FORMATS, isFormat } from "../../ingest/parse";
import type { Args } from "./common";
import { refreshAfterRun, refreshDerived } from "../../derived/refresh";

export const mutationResolvers = {
  Mutation: {
    ingest: async (_: unknown, args: Args, ctx: Context) => {
      requireWriter(ctx);
      if (typeof args.text !== "string" || !args.text.trim()) throw userError("text must be a non-empty string", { argument: "text" });
      const format = args.format ?? undefined;
      if (format !== undefined && (typeof format !== "string" || !isFormat(format))) {
        throw userError(`format must be one of ${FORMATS.join(", ")}`, { argument: "format" });
      }
      // Like every ingest (refreshAfterRun, as the CLI's): new papers join the topics (or topics are
      // recomputed), trending lists follow, before the run is on the ingest log; text that changed
      // nothing leaves them alone unless the graph says they are out of date.
      const report = await ingestText(ctx.db, args.text, format, async (r) => {
        await refreshAfterRun(ctx.db, r, "auto");
      });
      return { ...report, messages: report.messages.map((m) => ({ severity: m.severity, line: m.line, message: m.message })) };
    },

    deletePaper: async (_: unknown, args: Args, ctx: Context) => {
      requireWriter(ctx);
      const id = args.id;
      if (typeof id !== "string" || !id || id.length > 200) throw userError("id must be a paper id", { argument: "id" });
      const result = await ctx.db.writeTx(async (tx) => {
        // The corrections' lock first, as corrections and ingest batches take it: this locks the
        // paper and then its entities, a merge its entity and then the papers mentioning it, so
        // without it each could hold what the other waits for.
        await run(tx, "write/curation-lock");
        // The ingest pipeline's own statements remove the facts, so a deleted paper leaves the
        // graph exactly as if it had never been ingested.
        const touched = (await run<{ entityId: string }>(tx, "write/delete-paper-facts", { ids: [id] })).map((r) => r.entityId);
        const [gone] = await run<{ deleted: number }>(tx, "mutation/delete-paper", { id });
        const removed = touched.length ? await run<{ deleted: number }>(tx, "write/delete-orphan-entities", { ids: touched }) : [];
        return { id, deleted: (gone?.deleted ?? 0) > 0, entitiesRemoved: removed[0]?.deleted ?? 0 };
      }, { timeoutMs: ctx.config.queryTimeoutMs, label: `deletePaper ${id}` });
      if (result.deleted) await refreshDerived(ctx.db, "skip");
      return result;
    },
  },
};
