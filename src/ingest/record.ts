// Every ingest run leaves one (:Ingest) node: when it ran, where it came from, which files (with
// the hash of the content the run read from each), the extractor version and the report's
// counts. `changes(since)` lists the runs of a period, and `techtree watch` skips a file whose
// content and extractor version match its newest complete run (cypher/read/ingested-files).
import { randomBytes } from "node:crypto";
import type { Db } from "../graph/db";
import type { IngestReport } from "./report";

/** What started the run: the ingest command, the folder watcher, `up`'s seed ingest, or the API's ingest mutation. */
export type IngestSource = "ingest" | "watch" | "up" | "api";

export interface IngestRun {
  readonly source: IngestSource;
  readonly files: readonly string[];
  readonly startedAt: Date;
  readonly finishedAt: Date;
}

/** The report's counts a run keeps. */
type RecordedCounts = Pick<IngestReport, "papersRead" | "created" | "updated" | "unchanged" | "skipped" | "rejected" | "failed" | "relationshipsCreated">;

/** The stored shape (cypher/write/record-ingest, read back by read/ingests). */
export interface IngestRecord extends RecordedCounts {
  id: string;
  source: IngestSource;
  files: string[];
  /**
   * sha256 of the bytes the run read from each file, in the order of files; "" for a file it did not
   * read to its end (gone, unreadable, or the run stopped first: Neo4j lists hold no nulls), which no
   * content matches, so `watch` reads that file again.
   */
  fileHashes: string[];
  startedAt: string;
  finishedAt: string;
  extractorVersion: string | null;
  /** Everything read was written: not interrupted, no batch left unwritten. */
  complete: boolean;
  interrupted: boolean;
  warnings: number;
  errors: number;
}

export function ingestRecord(run: IngestRun, report: IngestReport): IngestRecord {
  const errors = report.messages.filter((m) => m.severity === "error").length;
  return {
    id: `${run.startedAt.toISOString()}-${randomBytes(4).toString("hex")}`,
    source: run.source,
    files: [...run.files],
    fileHashes: run.files.map((_, i) => report.inputs[i]?.sha256 ?? ""),
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    extractorVersion: report.extractorVersion,
    complete: !report.interrupted && report.failed === 0,
    interrupted: report.interrupted,
    papersRead: report.papersRead,
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    skipped: report.skipped,
    rejected: report.rejected,
    failed: report.failed,
    relationshipsCreated: report.relationshipsCreated,
    warnings: report.messages.length - errors + report.messagesDropped,
    errors,
  };
}

/** Stores the run; its id is also set on the report (`ingestId`), so a caller can find it. */
export async function recordIngest(db: Db, run: IngestRun, report: IngestReport): Promise<IngestRecord> {
  const record = ingestRecord(run, report);
  await db.write("write/record-ingest", { run: record });
  report.ingestId = record.id;
  return record;
}
