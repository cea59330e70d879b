// The ingest mutation: the CLI's pipeline over text instead of files. Parse (src/ingest/parse),
// drop duplicate papers, extract facts, write in batches (src/ingest/write), report like the CLI.
import type { Paper } from "../domain";
import type { Db } from "../graph/db";
import { extractFacts } from "../ingest/extract";
import { contentHash, emptyReport, writeInto, type IngestReport } from "../ingest/ingest";
import { addMessage } from "../ingest/report";
import { parseText, type Format } from "../ingest/parse";
import type { BatchItem } from "../ingest/write/writer";

const BATCH_SIZE = 500;
/** The file name ingest messages and paper sources carry for text sent over the API. */
export const API_SOURCE = "graphql";

export async function ingestText(db: Db, text: string, format?: Format): Promise<IngestReport & { paperIds: string[] }> {
  const started = Date.now();
  const report = emptyReport();
  const parsed = parseText(text, API_SOURCE, format);
  for (const m of parsed.messages) addMessage(report, m);
  const seen = new Map<string, Paper>();
  for (const paper of parsed.papers) {
    report.papersRead++;
    const earlier = seen.get(paper.id);
    if (earlier) {
      report.skipped++;
      addMessage(report, { severity: "warning", file: API_SOURCE, line: paper.source.line, message: `duplicate of "${paper.title}" (line ${earlier.source.line}); the later copy is skipped` });
      continue;
    }
    seen.set(paper.id, paper);
  }
  const papers = [...seen.values()];
  for (let i = 0; i < papers.length; i += BATCH_SIZE) {
    const items: BatchItem[] = papers.slice(i, i + BATCH_SIZE).map((p) => ({ facts: extractFacts(p), textHash: contentHash(p) }));
    await writeInto(report, db, items);
  }
  report.durationMs = Date.now() - started;
  return { ...report, paperIds: papers.map((p) => p.id) };
}
