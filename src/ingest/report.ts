// The ingest report: counts, what the graph gained, and every message with file:line. Printed at
// the end of a run and, with --report FILE, written as JSON. Exit codes are derived from it.
import { formatMessage, type IngestMessage } from "../domain";
import type { BatchResult } from "./write/writer";

export interface IngestReport {
  /** Papers parsed from the input (duplicates included). */
  papersRead: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Papers not written: duplicates of an earlier paper in the run, or failed extraction. */
  skipped: number;
  /** Records or files that could not be read as papers (each has a message). */
  rejected: number;
  /** Papers of batches that concurrent writers kept conflicting with after every retry (each batch has an error message). */
  failed: number;
  entitiesCreated: number;
  entitiesRemoved: number;
  nodesCreated: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  /** Messages kept (the first MAX_MESSAGES); messagesDropped counts the rest. */
  messages: IngestMessage[];
  messagesDropped: number;
  /** The run stopped early on SIGINT after finishing the batch in flight. */
  interrupted: boolean;
  /** --strict found problems, so nothing was written. */
  strictFailed: boolean;
  durationMs: number;
  /** Version of the extractor that produced the run's facts (null when nothing was extracted). */
  extractorVersion: string | null;
  /** The (:Ingest) node that records the run (src/ingest/record.ts), once it is stored. */
  ingestId: string | null;
  /**
   * Each input in order, with the sha256 of the bytes read from it: what the run read, whatever the
   * file holds by now. null when it was not read to its end (it could not be opened, or the run stopped first).
   */
  inputs: { file: string; sha256: string | null }[];
}

/** Enough to read every problem of a bad file; bounded so a million bad lines keep memory flat. */
export const MAX_MESSAGES = 10_000;

export function emptyReport(): IngestReport {
  return {
    papersRead: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, rejected: 0, failed: 0,
    entitiesCreated: 0, entitiesRemoved: 0, nodesCreated: 0, relationshipsCreated: 0, relationshipsDeleted: 0,
    messages: [], messagesDropped: 0, interrupted: false, strictFailed: false, durationMs: 0,
    extractorVersion: null, ingestId: null, inputs: [],
  };
}

export function addMessage(report: IngestReport, m: IngestMessage): void {
  if (report.messages.length < MAX_MESSAGES) report.messages.push(m);
  else report.messagesDropped++;
}

/** Adds what one written batch did to the run's counts. */
export function addBatchResult(report: IngestReport, r: BatchResult): void {
  report.created += r.created;
  report.updated += r.updated;
  report.unchanged += r.unchanged;
  report.entitiesRemoved += r.entitiesRemoved;
  report.entitiesCreated += r.entitiesCreated;
  report.nodesCreated += r.nodesCreated;
  report.relationshipsCreated += r.relationshipsCreated;
  report.relationshipsDeleted += r.relationshipsDeleted;
}

/** Exit codes of `techtree ingest` (documented in its --help). */
export const EXIT = { all: 0, failed: 1, usage: 2, some: 3, none: 4, interrupted: 130 } as const;

export function exitCode(report: IngestReport): number {
  if (report.interrupted) return EXIT.interrupted;
  if (report.strictFailed) return EXIT.none;
  const ingested = report.created + report.updated + report.unchanged;
  if (ingested === 0) return EXIT.none;
  return report.rejected > 0 || report.failed > 0 || report.messages.some((m) => m.severity === "error") ? EXIT.some : EXIT.all;
}

/** Papers per second as people read it: whole above 10, one decimal below (a small run is not "0 papers/s"). */
export function formatRate(perSecond: number): string {
  return perSecond >= 9.95 ? perSecond.toFixed(0) : perSecond.toFixed(1);
}

export function summarize(report: IngestReport): string {
  const secs = report.durationMs / 1000;
  const written = report.created + report.updated + report.unchanged;
  const lines = [
    `papers read ${report.papersRead}: ${report.created} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped` +
      (report.rejected ? `; ${report.rejected} ${report.rejected === 1 ? "record or file" : "records or files"} rejected (see below)` : "") +
      (report.failed ? `; ${report.failed} not written (see the errors; run again to write them)` : "") +
      ` (${secs.toFixed(1)}s, ${formatRate(written / Math.max(secs, 0.001))} papers/s)`,
    `graph: ${report.entitiesCreated} entities and ${report.nodesCreated} nodes in all created, ${report.relationshipsCreated} relationships created, ` +
      `${report.relationshipsDeleted} deleted` + (report.entitiesRemoved ? `, ${report.entitiesRemoved} entities no longer mentioned removed` : ""),
    ...(report.strictFailed ? ["--strict: the input has problems, nothing was written"] : []),
    ...(report.interrupted ? ["interrupted: stopped after the batch in flight; run the same command again to finish"] : []),
    ...report.messages.map(formatMessage),
    ...(report.messagesDropped ? [`... and ${report.messagesDropped} more messages`] : []),
  ];
  return lines.join("\n");
}
