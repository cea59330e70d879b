// Ingest problems are data: each one names the file and line it is about.

export type Severity = "warning" | "error";

export interface IngestMessage {
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export function formatMessage(m: IngestMessage): string {
  return `${m.file}:${m.line}: ${m.severity}: ${m.message}`;
}
