// The ingest mutation: text instead of files, through the same read -> dedupe -> extract -> write
// path as `techtree ingest` (src/ingest/ingest.ts), reported like the CLI.
import type { Db } from "../graph/db";
import { ingest, type IngestReport } from "../ingest/ingest";
import type { Format } from "../ingest/parse";

/** The file name ingest messages and paper sources carry for text sent over the API. */
export const API_SOURCE = "graphql";

export async function ingestText(db: Db, text: string, format?: Format, afterWrite?: (report: IngestReport) => Promise<void>): Promise<IngestReport & { paperIds: string[] }> {
  const paperIds: string[] = [];
  const report = await ingest(db, [{ file: API_SOURCE, text }], { format, onPaper: (p) => paperIds.push(p.id), record: { source: "api" }, afterWrite });
  return { ...report, paperIds };
}
