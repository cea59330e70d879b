// What a parser emits, one record at a time: a paper, or a message about the input with file:line.
import type { IngestMessage, Paper } from "../../domain";

export type ParseEvent =
  | { readonly kind: "paper"; readonly paper: Paper }
  /** rejected: the record (or file) it is about was not read as a paper; otherwise it was repaired and kept. */
  | { readonly kind: "message"; readonly message: IngestMessage; readonly rejected: boolean };

/** A parser fed one line at a time, so no file is ever held whole in memory. */
export interface LineParser {
  line(text: string, no: number): ParseEvent[];
  end(): ParseEvent[];
  /** A piece of a line too long to read (`no`), in order, for a parser that follows structure across lines (a JSON document's brackets). */
  droppedPiece?(piece: Buffer, no: number): void;
  /** The end of that line (`bytes` long): the parser's own messages about it, or undefined for the plain "line too long" one. */
  droppedLine?(no: number, bytes: number): ParseEvent[] | undefined;
}

export function warning(file: string, line: number, message: string, rejected = true): ParseEvent {
  return { kind: "message", message: { severity: "warning", file, line, message }, rejected };
}

export function clip(s: string, n = 60): string {
  return s.length > n ? s.slice(0, n - 3) + "..." : s;
}
