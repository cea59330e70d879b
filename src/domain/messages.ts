// Ingest problems are data: each one names the file and line it is about.

export type Severity = "warning" | "error";

export interface IngestMessage {
  readonly severity: Severity;
  readonly file: string;
  /** 1-based; 0 when the message is about the whole file (unreadable, empty, binary). */
  readonly line: number;
  readonly message: string;
}

/** `file:line: severity: message`, as compilers print; a whole-file message has no line. */
export function formatMessage(m: IngestMessage): string {
  return `${m.line > 0 ? `${m.file}:${m.line}` : m.file}: ${m.severity}: ${m.message}`;
}
