// The ingest recipe: read each file, parse it into papers, extract facts, write them in batches.
import * as fs from "node:fs";
import { formatMessage, textHash, type IngestMessage, type Paper } from "../domain";
import type { Db } from "../graph/db";
import { extractFacts } from "./extract";
import { parseText, type Format } from "./parse";
import { writeBatch, type BatchItem } from "./write/writer";

export interface IngestOptions {
  readonly format?: Format;
  readonly batchSize?: number;
  /** Progress lines for people. */
  readonly log?: (line: string) => void;
}

export interface IngestReport {
  papersRead: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  entitiesRemoved: number;
  messages: IngestMessage[];
  durationMs: number;
}

export function emptyReport(): IngestReport {
  return { papersRead: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, entitiesRemoved: 0, messages: [], durationMs: 0 };
}

/** Reads, parses and extracts every file; papers with problems are reported and skipped. */
export function readPapers(files: readonly string[], opts: IngestOptions, report: IngestReport): Paper[] {
  const seen = new Map<string, Paper>();
  for (const file of files) {
    // 1. Read: a missing or unreadable file is a warning about that file, not the end of the run.
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (err) {
      report.messages.push({ severity: "error", file, line: 0, message: `cannot read: ${(err as Error).message}` });
      continue;
    }
    // 2. Parse: papers plus warnings with file:line.
    const parsed = parseText(text, file, opts.format);
    report.messages.push(...parsed.messages);
    for (const paper of parsed.papers) {
      report.papersRead++;
      const earlier = seen.get(paper.id);
      if (earlier) {
        report.skipped++;
        report.messages.push({
          severity: "warning", file, line: paper.source.line,
          message: `duplicate of "${paper.title}" (${earlier.source.file}:${earlier.source.line}); the later copy is skipped`,
        });
        continue;
      }
      seen.set(paper.id, paper);
    }
  }
  return [...seen.values()];
}

export async function ingestFiles(db: Db, files: readonly string[], opts: IngestOptions = {}): Promise<IngestReport> {
  const started = Date.now();
  const report = emptyReport();
  const log = opts.log ?? (() => {});
  const papers = readPapers(files, opts, report);
  // 3. Schema before any write, so MERGE runs on constraints.
  await db.applySchema();
  // 4. Extract and write in batches; each batch is one transaction.
  const batchSize = opts.batchSize ?? 500;
  for (let i = 0; i < papers.length; i += batchSize) {
    const items: BatchItem[] = papers.slice(i, i + batchSize).map((p) => ({ facts: extractFacts(p), textHash: textHash(p.title, p.abstract) }));
    const r = await writeBatch(db, items);
    report.created += r.created;
    report.updated += r.updated;
    report.unchanged += r.unchanged;
    report.entitiesRemoved += r.entitiesRemoved;
    log(`ingest: ${Math.min(i + batchSize, papers.length)}/${papers.length} papers written`);
  }
  report.durationMs = Date.now() - started;
  return report;
}

export function summarize(report: IngestReport): string {
  const lines = [
    `papers read ${report.papersRead}: ${report.created} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped` +
      (report.entitiesRemoved ? `; ${report.entitiesRemoved} entities no longer mentioned removed` : "") +
      ` (${(report.durationMs / 1000).toFixed(1)}s)`,
    ...report.messages.map(formatMessage),
  ];
  return lines.join("\n");
}
