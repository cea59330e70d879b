// The ingest recipe: stream each file's papers, drop duplicates, extract facts on worker threads,
// write them in batches (one transaction each) while the next batches are being extracted.
// Memory is bounded by the batches in flight, not by the input; a re-run skips what is already written.
import * as fs from "node:fs";
import { createHash } from "node:crypto";
import { textHash, type Paper } from "../domain";
import type { Db } from "../graph/db";
import { parseFile, parseText, type Format } from "./parse";
import { Progress } from "./progress";
import { addBatchResult, addMessage, emptyReport, type IngestReport } from "./report";
import { createExtractor } from "./workers";
import { BatchNotWrittenError, writeBatch, type BatchItem } from "./write/writer";

export { emptyReport, exitCode, summarize, EXIT, type IngestReport } from "./report";

export interface IngestOptions {
  readonly format?: Format;
  readonly batchSize?: number;
  /** Extraction threads; 0 extracts in this thread (the default for library callers). */
  readonly workers?: number;
  /** Problems in the input fail the run before anything is written. */
  readonly strict?: boolean;
  /** Aborting stops reading; the batch being written is finished. */
  readonly signal?: AbortSignal;
  /** Progress lines for people. */
  readonly log?: (line: string) => void;
  /** Where the progress bar goes (a TTY gets a bar, anything else periodic lines); none if absent. */
  readonly progress?: { write(s: string): unknown; isTTY?: boolean };
}

/**
 * What decides "unchanged": the text, plus for formats that carry them the authors, categories,
 * references and upstream id, so a changed reference list is rewritten too. Seed pages hash the text only.
 */
export function contentHash(p: Paper): string {
  const meta = [p.externalId ?? null, p.authors ?? [], p.categories ?? [], (p.references ?? []).map((r) => r.id)];
  if (!p.externalId && !p.authors?.length && !p.categories?.length && !p.references?.length) return textHash(p.title, p.abstract);
  return createHash("sha256").update(textHash(p.title, p.abstract)).update(JSON.stringify(meta)).digest("hex").slice(0, 32);
}

/** Reads whole files (for `techtree extract` on small inputs); papers with problems are reported and skipped. */
export function readPapers(files: readonly string[], opts: IngestOptions, report: IngestReport): Paper[] {
  const seen = new Map<string, Paper>();
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (err) {
      addMessage(report, { severity: "error", file, line: 0, message: `cannot read: ${(err as Error).message}` });
      continue;
    }
    const parsed = parseText(text, file, opts.format);
    for (const m of parsed.messages) addMessage(report, m);
    for (const paper of parsed.papers) {
      report.papersRead++;
      const earlier = seen.get(paper.id);
      if (earlier) {
        report.skipped++;
        addMessage(report, { severity: "warning", file, line: paper.source.line, message: `duplicate of "${paper.title}" (${earlier.source.file}:${earlier.source.line}); the later copy is skipped` });
        continue;
      }
      seen.set(paper.id, paper);
    }
  }
  return [...seen.values()];
}

interface Cursor { papers: number; written: number; bytes: number }

/**
 * Streams the papers of every file in order, reporting messages and dropping duplicates. Only ids
 * and first locations are remembered (for the duplicate warning), a few dozen bytes per paper.
 */
async function* streamPapers(files: readonly string[], opts: IngestOptions, report: IngestReport, cursor: Cursor): AsyncGenerator<Paper> {
  const seen = new Map<string, number>();
  let doneBytes = 0;
  for (const [fileIndex, file] of files.entries()) {
    for await (const { event, bytes } of parseFile(file, opts.format)) {
      cursor.bytes = doneBytes + bytes;
      if (event.kind === "message") {
        addMessage(report, event.message);
        if (event.rejected) report.rejected++;
        continue;
      }
      const paper = event.paper;
      report.papersRead++;
      cursor.papers++;
      const earlier = seen.get(paper.id);
      if (earlier !== undefined) {
        report.skipped++;
        const where = `${files[Math.floor(earlier / 2 ** 32)]}:${earlier % 2 ** 32}`;
        addMessage(report, { severity: "warning", file, line: paper.source.line, message: `duplicate of "${paper.title}" (${where}); the later copy is skipped` });
        continue;
      }
      seen.set(paper.id, fileIndex * 2 ** 32 + paper.source.line);
      yield paper;
      if (opts.signal?.aborted) return;
    }
    doneBytes += fileSize(file);
  }
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * Writes one batch and adds what it did to the report. A batch that concurrent writers kept
 * conflicting with after every retry does not end the run: it is reported by file and lines, the
 * run goes on and exits 3, and running the same input again completes it. Anything else (Neo4j
 * unreachable, a bug) ends the run.
 */
export async function writeInto(report: IngestReport, db: Db, items: readonly BatchItem[]): Promise<void> {
  try {
    addBatchResult(report, await writeBatch(db, items));
  } catch (err) {
    if (!(err instanceof BatchNotWrittenError)) throw err;
    if (err.written) addBatchResult(report, err.written);
    else report.failed += items.length;
    const what = err.written ? "were written, but what is derived from them (inferred citations, Notable labels) was not" : "were not written";
    for (const [file, lines] of linesByFile(items)) {
      const range = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines[0]}-${lines[lines.length - 1]}`;
      addMessage(report, {
        severity: "error", file, line: lines[0]!,
        message: `${lines.length} paper(s) on ${range} ${what}: ${err.message}; run the same ingest again to complete them`,
      });
    }
  }
}

function linesByFile(items: readonly BatchItem[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const { facts } of items) {
    const { file, line } = facts.paper.source;
    const lines = out.get(file) ?? [];
    lines.push(line);
    out.set(file, lines);
  }
  for (const lines of out.values()) lines.sort((a, b) => a - b);
  return out;
}

export async function ingestFiles(db: Db, files: readonly string[], opts: IngestOptions = {}): Promise<IngestReport> {
  const started = Date.now();
  const report = emptyReport();
  const log = opts.log ?? (() => {});

  // 1. --strict: a full read first; any message fails the run before anything is written.
  if (opts.strict) {
    for (const file of files) {
      for await (const { event } of parseFile(file, opts.format)) if (event.kind === "message") addMessage(report, event.message);
    }
    if (report.messages.length || report.messagesDropped) {
      report.strictFailed = true;
      report.durationMs = Date.now() - started;
      return report;
    }
  }
  // 2. Schema before any write, so MERGE runs on constraints (created once per process; see Db.applySchema).
  await db.applySchema();

  // 3. Read -> extract (workers) -> write, with up to `workers + 1` batches in flight so the writer
  //    always has the next batch ready. The graph does not depend on the batching, the order or on
  //    concurrent writers (rows.ts, write/merge-entities), so sharded runs end as one serial run.
  const batchSize = opts.batchSize ?? 500;
  const extractor = createExtractor(opts.workers ?? 0);
  const inFlight: Promise<BatchItem[]>[] = [];
  const maxInFlight = Math.max(extractor.workers, 1) + 1;
  const cursor: Cursor = { papers: 0, written: 0, bytes: 0 };
  const progress = opts.progress ? new Progress(files.reduce((n, f) => n + fileSize(f), 0), opts.progress) : null;

  const extractBatch = async (papers: Paper[]): Promise<BatchItem[]> => {
    const outcomes = await extractor.extract(papers);
    const items: BatchItem[] = [];
    outcomes.forEach((o, i) => {
      const p = papers[i]!;
      if ("facts" in o) items.push({ facts: o.facts, textHash: contentHash(p) });
      else {
        report.skipped++;
        report.rejected++;
        addMessage(report, { severity: "warning", file: p.source.file, line: p.source.line, message: `extraction failed (${o.error}); skipped` });
      }
    });
    return items;
  };
  const writeNext = async (): Promise<void> => {
    const items = await inFlight.shift()!;
    await writeInto(report, db, items);
    cursor.written += items.length;
    progress?.update(cursor);
  };

  try {
    let batch: Paper[] = [];
    for await (const paper of streamPapers(files, opts, report, cursor)) {
      batch.push(paper);
      if (batch.length >= batchSize) {
        inFlight.push(extractBatch(batch));
        batch = [];
        while (inFlight.length >= maxInFlight && !opts.signal?.aborted) await writeNext();
      }
      if (opts.signal?.aborted) break;
    }
    if (opts.signal?.aborted) {
      // 4a. Interrupted: the batch being written when the signal came has been finished; the rest is dropped.
      report.interrupted = true;
    } else {
      // 4b. The last partial batch, then drain.
      if (batch.length) inFlight.push(extractBatch(batch));
      while (inFlight.length) await writeNext();
    }
  } finally {
    inFlight.splice(0).forEach((p) => p.catch(() => {}));
    await extractor.close();
  }
  progress?.done(cursor);
  report.durationMs = Date.now() - started;
  log(`ingest: ${cursor.written} papers written in ${(report.durationMs / 1000).toFixed(1)}s`);
  return report;
}
