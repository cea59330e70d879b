// The ingest recipe, the one path behind every front door (`techtree ingest`, `techtree extract`
// and the GraphQL ingest mutation):
//   1. read    each input is opened once and parsed a record at a time (parse/), messages with file:line;
//   2. dedupe  a record read earlier in the run is reported and skipped;
//   3. extract facts per paper, on worker threads (workers.ts), in input order;
//   4. write   batches, one transaction each (write/), while the next batches are being extracted.
// Memory is bounded by the batches in flight, not by the input; a re-run skips what is already written.
import * as fs from "node:fs";
import { originOf, sourceKey, type Facts, type Paper } from "../domain";
import type { Db } from "../graph/db";
import { parseInput, type Format, type Input } from "./parse";
import { Progress } from "./progress";
import { recordIngest, type IngestSource } from "./record";
import { addBatchResult, addMessage, emptyReport, type IngestReport } from "./report";
import { createExtractor, type Extractor } from "./workers";
import { BatchNotWrittenError, writeBatch, type BatchItem } from "./write/writer";

export { emptyReport, exitCode, summarize, EXIT, type IngestReport } from "./report";
export type { Input } from "./parse";

export interface IngestOptions {
  readonly format?: Format;
  readonly batchSize?: number;
  /** Extraction threads; 0 extracts in this thread (the default for library callers). */
  readonly workers?: number;
  /**
   * Problems in the input fail the run before anything is written. The input is still read once:
   * its papers are held in memory until the end of the input shows it clean, then extracted and written.
   */
  readonly strict?: boolean;
  /** Aborting stops reading; the batch being written is finished. */
  readonly signal?: AbortSignal;
  /** Progress lines for people. */
  readonly log?: (line: string) => void;
  /** Where the progress bar goes (a TTY gets a bar, anything else periodic lines); none if absent. */
  readonly progress?: { write(s: string): unknown; isTTY?: boolean };
  /** Called with each paper that passes de-duplication, in input order (the mutation reports their ids). */
  readonly onPaper?: (paper: Paper) => void;
  /**
   * Runs after the last write and before the run is recorded as an (:Ingest) node: what the caller
   * derives from the new papers (topics, trending lists: src/derived/refresh.ts) is then in place
   * when the ingest log, `changes` and the digest say the run has finished.
   */
  readonly afterWrite?: (report: IngestReport) => Promise<void>;
  /** How the run is recorded as an (:Ingest) node (src/ingest/record.ts), with the hash of each input as read; default source "ingest". */
  readonly record?: { readonly source: IngestSource };
  /** The time batches are stamped with (addedAt); tests pin it, everyone else gets the wall clock. */
  readonly clock?: () => Date;
}

interface Cursor { papers: number; written: number; bytes: number }

/**
 * Steps 1 and 2: the papers of every input in order, messages added to the report, duplicates
 * dropped. Only keys and first locations are remembered (for the duplicate warning), a few dozen
 * bytes per paper. `sizes` (when progress is shown) keeps the byte count right across inputs.
 * Each input is listed in `report.inputs` with the hash of what was read from it.
 */
export async function* readPapers(
  inputs: readonly Input[], opts: Pick<IngestOptions, "format" | "signal">, report: IngestReport,
  cursor: Cursor = { papers: 0, written: 0, bytes: 0 }, sizes?: readonly number[],
): AsyncGenerator<Paper> {
  const seen = new Map<string, number>();
  let doneBytes = 0;
  for (const [index, input] of inputs.entries()) {
    let bytes = 0;
    const read: IngestReport["inputs"][number] = { file: input.file, sha256: null };
    report.inputs.push(read);
    for await (const event of parseInput(input, opts.format, (sha256) => (read.sha256 = sha256))) {
      bytes = event.bytes;
      cursor.bytes = doneBytes + bytes;
      if (event.event.kind === "message") {
        addMessage(report, event.event.message);
        if (event.event.rejected) report.rejected++;
        continue;
      }
      const paper = event.event.paper;
      report.papersRead++;
      cursor.papers++;
      const keys = dedupeKeys(paper);
      const earlier = keys.map((k) => seen.get(k)).find((e) => e !== undefined);
      if (earlier !== undefined) {
        report.skipped++;
        const where = `${inputs[Math.floor(earlier / 2 ** 32)]!.file}:${earlier % 2 ** 32}`;
        addMessage(report, { severity: "warning", file: input.file, line: paper.source.line, message: `"${paper.title}" duplicates the paper at ${where} (the same title or id); this later copy is skipped` });
        continue;
      }
      for (const k of keys) seen.set(k, index * 2 ** 32 + paper.source.line);
      yield paper;
      if (opts.signal?.aborted) return;
    }
    doneBytes += sizes?.[index] ?? bytes;
  }
}

/**
 * Two records of a run are duplicates when they are the same source (the same upstream record: arXiv
 * id, S2 paperId, OpenAlex work), or the same paper (title key) from the same kind of source (two
 * pages, two arXiv records). The same paper from two kinds of source is no duplicate: both are its
 * sources (src/ingest/write/papers.ts).
 */
function dedupeKeys(paper: Paper): string[] {
  const origin = originOf(paper);
  const sameKind = `${origin.kind}#${paper.id}`;
  return origin.kind === "page" ? [sameKind] : [sameKind, sourceKey(origin)];
}

/** Step 3 for one batch: facts in paper order; a paper whose extraction fails is reported and skipped. */
async function extractBatch(extractor: Extractor, papers: readonly Paper[], report: IngestReport): Promise<Facts[]> {
  const outcomes = await extractor.extract(papers);
  const out: Facts[] = [];
  outcomes.forEach((o, i) => {
    const p = papers[i]!;
    if ("facts" in o) out.push(o.facts);
    else {
      report.skipped++;
      report.rejected++;
      addMessage(report, { severity: "warning", file: p.source.file, line: p.source.line, message: `extraction failed (${o.error}); skipped` });
    }
  });
  return out;
}

/**
 * Steps 1-3 without a database, for `techtree extract`: every paper's facts in input order, with the
 * same messages an ingest of the same inputs reports.
 */
export async function* extractInputs(inputs: readonly Input[], opts: Pick<IngestOptions, "format" | "workers" | "batchSize">, report: IngestReport): AsyncGenerator<Facts> {
  const extractor = createExtractor(opts.workers ?? 0);
  const batchSize = opts.batchSize ?? 500;
  try {
    let batch: Paper[] = [];
    for await (const paper of readPapers(inputs, opts, report)) {
      batch.push(paper);
      if (batch.length >= batchSize) {
        yield* await extractBatch(extractor, batch, report);
        batch = [];
      }
    }
    if (batch.length) yield* await extractBatch(extractor, batch, report);
  } finally {
    await extractor.close();
  }
}

/**
 * Writes one batch and adds what it did to the report. A batch that concurrent writers kept
 * conflicting with after every retry does not end the run: it is reported by file and lines, the
 * run goes on and exits 3, and running the same input again completes it. Anything else (Neo4j
 * unreachable, a bug) ends the run.
 */
export async function writeInto(report: IngestReport, db: Db, items: readonly BatchItem[], now: Date = new Date(), extractor?: Extractor): Promise<void> {
  report.extractorVersion ??= items[0]?.facts.extractorVersion ?? null;
  try {
    const result = await writeBatch(db, items, now);
    addBatchResult(report, result);
    // Papers whose text now comes from a source read in an earlier run: extracted and written again.
    // Their records are already stored, so the second write only replaces their facts (not counted twice).
    const again = result.reextract ?? [];
    if (again.length && extractor) {
      const followUp = await writeBatch(db, (await extractBatch(extractor, again, report)).map((facts) => ({ facts })), now);
      addBatchResult(report, { ...followUp, created: 0, updated: 0, unchanged: 0 });
    }
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

export function ingestFiles(db: Db, files: readonly string[], opts: IngestOptions = {}): Promise<IngestReport> {
  return ingest(db, files.map((file) => ({ file })), opts);
}

export async function ingest(db: Db, inputs: readonly Input[], opts: IngestOptions = {}): Promise<IngestReport> {
  const clock = opts.clock ?? (() => new Date());
  const startedAt = clock();
  const started = Date.now();
  const report = emptyReport();
  const log = opts.log ?? (() => {});
  const cursor: Cursor = { papers: 0, written: 0, bytes: 0 };
  // One stat per file, only for the progress bar's ETA; the reader itself only opens each file.
  const sizes = opts.progress ? inputs.map((i) => (i.text !== undefined ? Buffer.byteLength(i.text) : fileSize(i.file))) : undefined;
  const progress = opts.progress ? new Progress(sizes!.reduce((n, s) => n + s, 0), opts.progress) : null;
  let papers: AsyncIterable<Paper> | Iterable<Paper> = readPapers(inputs, opts, report, cursor, sizes);

  // --strict: read everything once, holding the papers; any message fails the run before a write.
  if (opts.strict) {
    const held: Paper[] = [];
    for await (const p of papers) held.push(p);
    if (report.messages.length || report.messagesDropped) {
      report.strictFailed = true;
      report.durationMs = Date.now() - started;
      return report;
    }
    papers = held;
  }
  // Schema before any write, so MERGE runs on constraints (created once per process; see Db.applySchema).
  await db.applySchema();

  // Read -> extract (workers) -> write, with up to `workers + 1` batches in flight so the writer
  // always has the next batch ready. The graph does not depend on the batching, the order or on
  // concurrent writers (rows.ts, write/merge-entities), so sharded runs end as one serial run.
  const batchSize = opts.batchSize ?? 500;
  const extractor = createExtractor(opts.workers ?? 0);
  const inFlight: Promise<BatchItem[]>[] = [];
  const maxInFlight = Math.max(extractor.workers, 1) + 1;
  const toItems = async (batch: Paper[]): Promise<BatchItem[]> => (await extractBatch(extractor, batch, report)).map((facts) => ({ facts }));
  const writeNext = async (): Promise<void> => {
    const items = await inFlight.shift()!;
    await writeInto(report, db, items, clock(), extractor);
    cursor.written += items.length;
    progress?.update(cursor);
  };

  try {
    let batch: Paper[] = [];
    for await (const paper of papers) {
      opts.onPaper?.(paper);
      batch.push(paper);
      if (batch.length >= batchSize) {
        inFlight.push(toItems(batch));
        batch = [];
        while (inFlight.length >= maxInFlight && !opts.signal?.aborted) await writeNext();
      }
      if (opts.signal?.aborted) break;
    }
    if (opts.signal?.aborted) {
      // Interrupted: the batch being written when the signal came has been finished; the rest is dropped.
      report.interrupted = true;
    } else {
      // The last partial batch, then drain.
      if (batch.length) inFlight.push(toItems(batch));
      while (inFlight.length) await writeNext();
    }
  } finally {
    inFlight.splice(0).forEach((p) => p.catch(() => {}));
    await extractor.close();
  }
  progress?.done(cursor);
  report.durationMs = Date.now() - started;
  // "done", not "written": an unchanged paper passes the writer and is left as it is.
  log(`ingest: ${cursor.written} paper${cursor.written === 1 ? "" : "s"} done in ${(report.durationMs / 1000).toFixed(1)}s (written, or found unchanged)`);
  // What follows from the papers, before the run is on the log: a reader who sees the run finished
  // must not get the trending lists of the day before.
  await opts.afterWrite?.(report);
  // The run itself, as an (:Ingest) node: what "changes since" lists and watch skips by.
  await recordIngest(db, { source: opts.record?.source ?? "ingest", files: inputs.map((i) => i.file), startedAt, finishedAt: clock() }, report);
  return report;
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
