// Input formats. An input (a file, or text sent to the ingest mutation) is opened once and read a
// line at a time; its format is detected from its first bytes (or forced with --format); each parser
// turns lines into papers plus messages with file:line.
import * as path from "node:path";
import { MAX_ABSTRACT_CHARS, type IngestMessage, type Paper } from "../../domain";
import { warning, type LineParser, type ParseEvent } from "./events";
import { FeedParser, looksLikeFeed } from "./feed";
import { JsonRecordSplitter, RECORD_KEYS } from "./json-split";
import { HttpStatusError, isUrl, lineLimit, looksBinary, MAX_LINE_BYTES, openInput, readLines, type OpenedInput } from "./lines";
import { detectRecord, recordToPaper, RECORD_FORMATS, type RecordFormat } from "./records";
import { collect, SeedPageParser } from "./seed-page";

export type { ParseEvent } from "./events";
export { isUrl } from "./lines";

export const FORMATS = ["seed", ...RECORD_FORMATS, "feed"] as const;
export type Format = (typeof FORMATS)[number];

export interface ParsedFile {
  readonly format: Format;
  readonly papers: readonly Paper[];
  readonly messages: readonly IngestMessage[];
}

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

/**
 * Picks a format from the first bytes: JSON (a line or a document starting with { or [) is one of the
 * record formats, told apart by the keys of its first record; an Atom or RSS document is a feed;
 * anything else is a seed page.
 */
export function detectFormat(head: string): Format {
  const text = head.replace(/^\uFEFF/, "").trimStart();
  if (looksLikeFeed(text)) return "feed";
  if (!text.startsWith("{") && !text.startsWith("[")) return "seed";
  // The first record's keys: parse the first line when it is a whole record, else look at the keys seen.
  const first = text.split("\n", 1)[0]!;
  try {
    const rec: unknown = JSON.parse(first);
    const f = detectRecord(Array.isArray(rec) ? rec[0] : (wrapped(rec)?.[0] ?? rec));
    if (f) return f;
  } catch {
    // A pretty-printed document: fall through to the key scan.
  }
  if (/"abstract_inverted_index"\s*:|"referenced_works"\s*:|"https:\/\/openalex\.org\/W/.test(text)) return "openalex";
  if (/"paperId"\s*:/.test(text)) return "s2";
  if (/"summary"\s*:/.test(text) && /"upvotes"\s*:|"publishedAt"\s*:/.test(text)) return "hf";
  return "arxiv";
}

/** A web page saved as HTML: its markup would be read as titles and abstracts. */
function looksLikeHtml(head: string): boolean {
  return /^(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body)[\s>]/i.test(head.replace(/^\uFEFF/, "").trimStart());
}

/** "record 7: " for the 7th element of a JSON document (a one-line document has every record on line 1), "" for a JSON Lines record. */
function named(element: number | undefined): string {
  return element === undefined ? "" : `record ${element}: `;
}

/** Control characters other than tab, CR and LF: dropped from text, and reported. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** JSON records, one per line (JSON Lines) or as the elements of a JSON document. */
class JsonParser implements LineParser {
  private mode: "lines" | "document" | null = null;
  private splitter = new JsonRecordSplitter();
  private records = 0;
  /** Elements of a JSON document read so far: a warning names its record, as a one-line document puts all of them on line 1. */
  private elements = 0;
  /** The first and last characters (not white space) of a line too long to read that comes before the mode is known. */
  private droppedEnds: { first: string; last: string } | null = null;
  /** Lines where records start that a warning about a line too long to read already named. */
  private reported = new Set<number>();

  constructor(private readonly file: string, private readonly forced: RecordFormat | null) {}

  line(text: string, no: number): ParseEvent[] {
    if (this.mode === null) {
      const t = text.trim();
      if (!t) return [];
      this.mode = t.startsWith("{") && t.endsWith("}") ? "lines" : "document";
    }
    if (this.mode === "document") {
      return this.splitter.line(text, no).flatMap((r) => {
        const element = ++this.elements;
        if (!r.tooLong) return this.record(r.text, r.line, element);
        return this.reported.has(r.line) ? [] : [warning(this.file, r.tooLong.line, tooLong(element, element, r.line, r.tooLong.line, r.tooLong.bytes))];
      });
    }
    return text.trim() ? this.record(text, no) : [];
  }

  /**
   * A line too long to read goes through the splitter without its text, so that the records it
   * touches are known (and skipped) and the records after it keep their places and numbers.
   */
  droppedPiece(piece: Buffer, no: number): void {
    if (this.mode === "lines") return;
    const text = piece.toString("latin1");
    if (this.mode === null) {
      const t = text.trim();
      if (t) this.droppedEnds = { first: this.droppedEnds?.first ?? t[0]!, last: t[t.length - 1]! };
    }
    this.splitter.droppedPiece(text, no);
  }

  /** One warning for a line too long to read, naming the records of a JSON document it held; a JSON Lines line is its record. */
  droppedLine(no: number, bytes: number): ParseEvent[] | undefined {
    if (this.mode === null && this.droppedEnds) this.mode = this.droppedEnds.first === "{" && this.droppedEnds.last === "}" ? "lines" : "document";
    this.droppedEnds = null;
    if (this.mode !== "document") return undefined;
    const { ended, open, whole } = this.splitter.droppedLine(no, bytes);
    const from = ended[0] ?? open;
    if (from === undefined || from === null) {
      // No record: a one-object document (told once, here) or a part of an API response outside its records.
      if (whole !== null) this.reported.add(whole);
      return undefined;
    }
    const first = this.elements + 1;
    this.elements += ended.length;
    if (open !== null) this.reported.add(open);
    return [warning(this.file, no, tooLong(first, this.elements + (open === null ? 0 : 1), from, no, bytes))];
  }

  end(): ParseEvent[] {
    const out: ParseEvent[] = [];
    if (this.mode !== "document") return out;
    const open = this.splitter.unfinished();
    if (open?.record) {
      out.push(warning(this.file, open.line, "the JSON record that starts here never ends (a truncated file?); skipped, the records before it were read"));
    } else if (open) {
      out.push(warning(this.file, open.line, "the JSON document ends without closing its brackets (a truncated file?); every complete record was read", false));
    }
    if (this.splitter.junkLine) {
      out.push(warning(this.file, this.splitter.junkLine, "text outside the JSON document's records is not JSON; ignored", false));
    }
    return out;
  }

  /** One JSON Lines record, or (`element`, counted from 1) one element of a JSON document. */
  private record(text: string, no: number, element?: number): ParseEvent[] {
    let rec: unknown;
    try {
      rec = JSON.parse(text);
    } catch (err) {
      return [warning(this.file, no, `${named(element)}not valid JSON (${jsonProblem((err as Error).message)}), perhaps a truncated line; skipped`)];
    }
    // An API response saved on one line ({"data": [...]} or {"results": [...]}) holds its records.
    const inner = wrapped(rec);
    return inner ? inner.flatMap((r, i) => this.value(r, no, i + 1)) : this.value(rec, no, element);
  }

  private value(rec: unknown, no: number, element: number | undefined): ParseEvent[] {
    const format = this.forced ?? detectRecord(rec);
    if (!format) return [warning(this.file, no, `${named(element)}JSON record is not an arXiv, Semantic Scholar, OpenAlex or Hugging Face paper; skipped`)];
    this.records++;
    const r = recordToPaper(format, rec, this.file, no);
    if (!("paper" in r)) return [warning(this.file, no, `${named(element)}${r.problem}`)];
    return [...r.notes.map((n) => warning(this.file, no, `${named(element)}${n}`, false)), { kind: "paper", paper: r.paper }];
  }
}

/**
 * "record 2 (from line 8): skipped for its size: this line is 9,437,203 bytes, over the limit of
 * 8,388,608 bytes (8 MiB) for one line": records first..last, the first starting on line `from`, lost
 * with line `at`.
 */
function tooLong(first: number, last: number, from: number, at: number, bytes: number): string {
  const which = first === last ? `record ${first}` : `records ${first} to ${last}`;
  const start = from < at ? ` (from line ${from})` : "";
  return `${which}${start}: skipped for ${first === last ? "its" : "their line's"} size: ${lineTooLong(bytes)}`;
}

/** "this line is 9,437,203 bytes, over the limit of 8,388,608 bytes (8 MiB) for one line". */
function lineTooLong(bytes: number): string {
  return `this line is ${bytes.toLocaleString("en")} bytes, over the limit of ${lineLimit(MAX_LINE_BYTES)} for one line`;
}

/** The records of an API response (under one of RECORD_KEYS, as the splitter finds them), or undefined for anything else. */
function wrapped(rec: unknown): unknown[] | undefined {
  if (typeof rec !== "object" || rec === null || Array.isArray(rec) || "title" in rec || "display_name" in rec) return undefined;
  for (const key of RECORD_KEYS) {
    const records = (rec as Record<string, unknown>)[key];
    if (Array.isArray(records)) return records;
  }
  return undefined;
}

/**
 * How a page is named as a source of its papers: a file by its absolute path, so two files of one
 * name in different folders are two pages and the same file by any path is one; an address without
 * its query (which may carry a token); text sent over the API or on standard input by its name.
 */
export function pageSource(input: Input): string {
  if (input.text !== undefined) return input.file;
  if (isUrl(input.file)) {
    const url = new URL(input.file);
    return url.origin + url.pathname;
  }
  return path.resolve(input.file);
}

/** A JSON file is read in the format of its first record (detected or forced), so a record missing a field is reported as such. */
function parserFor(format: Format, file: string, page?: string): LineParser {
  if (format === "seed") return new SeedPageParser(file, page);
  if (format === "feed") return new FeedParser(file);
  return new JsonParser(file, format);
}

/** System and fetch error codes of an input that cannot be opened, in words. */
const UNREADABLE: Readonly<Record<string, string>> = {
  ENOENT: "no such file", EACCES: "permission denied", EISDIR: "it is a folder, not a file",
  ENOTFOUND: "no such host", ECONNREFUSED: "connection refused", ECONNRESET: "the connection was reset",
  UND_ERR_SOCKET: "the server closed the connection", UND_ERR_CONNECT_TIMEOUT: "the connection timed out",
};

/** Why a file could not be opened, in words ("no such file"), with the system's code. */
function unreadable(err: unknown): string {
  if (err instanceof HttpStatusError) return err.message;
  // fetch says "fetch failed" and keeps the reason as its cause (a system error, or the abort's reason).
  const cause = (err as { cause?: unknown }).cause as NodeJS.ErrnoException | undefined;
  const code = cause?.code ?? (err as NodeJS.ErrnoException).code;
  if (cause && !code && typeof cause.message === "string") return cause.message;
  const words = code ? UNREADABLE[code] : undefined;
  const hint = code === "EISDIR" ? "; for a folder's files: techtree ingest DIR/*, or techtree watch DIR --once" : "";
  return words ? `${words} (${code})${hint}` : code ?? (err as Error).message;
}

export interface FileEvent {
  readonly event: ParseEvent;
  /** Bytes of the file read so far. */
  readonly bytes: number;
}

/** What is read: a file by its path, or text in memory named `file` in every message. */
export interface Input {
  readonly file: string;
  readonly text?: string;
}

/**
 * Streams one input's papers and messages, opening it once. Unreadable, empty and binary inputs are
 * a message each; overlong lines are dropped and invalid UTF-8 is repaired, each with its line number.
 * `read`, when given, is called once the input has been read to its end with the sha256 of the bytes
 * read (a skipped binary or HTML file is still read through, for its hash); it is not called for an
 * input that could not be opened or that the caller stopped reading.
 */
export async function* parseInput(input: Input, format?: Format, read?: (sha256: string) => void): AsyncGenerator<FileEvent> {
  const { file } = input;
  let opened: OpenedInput;
  try {
    opened = await openInput(input);
  } catch (err) {
    yield { event: { kind: "message", message: { severity: "error", file, line: 0, message: `cannot read: ${unreadable(err)}` }, rejected: true }, bytes: 0 };
    return;
  }
  const readThrough = async () => {
    if (!read) return;
    for await (const _ of opened.chunks) { /* hashed as read */ }
    const sha256 = opened.sha256();
    if (sha256 !== null) read(sha256);
  };
  try {
    const { head } = opened;
    if (head.length === 0) {
      yield { event: warning(file, 0, "empty file; nothing to ingest"), bytes: 0 };
      await readThrough();
      return;
    }
    if (looksBinary(head)) {
      yield { event: warning(file, 0, "binary file (NUL bytes in its first 8 KB); skipped"), bytes: head.length };
      await readThrough();
      return;
    }
    const headText = head.toString("utf8");
    if (!format && looksLikeHtml(headText)) {
      yield { event: warning(file, 0, "an HTML page (a web page saved as HTML), not a page's text or an export; skipped. Save or copy the page as text, or fetch the papers as JSON (https://huggingface.co/api/daily_papers) or as a feed (https://rss.arxiv.org/rss/cs.LG)"), bytes: head.length };
      await readThrough();
      return;
    }
    const page = pageSource(input);
    const parser = parserFor(format ?? detectFormat(headText), file, page);
    let papers = 0;
    let bytes = 0;
    const dropped = parser.droppedPiece?.bind(parser);
    for await (const line of readLines(opened.chunks, MAX_LINE_BYTES, dropped)) {
      bytes = line.bytes;
      if (line.problem === "too-long") {
        const length = line.length ?? 0;
        const events = parser.droppedLine?.(line.no, length) ?? [warning(file, line.no, `${lineTooLong(length).replace(/^this line/, "line")}; skipped`)];
        for (const event of events) yield { event, bytes };
        continue;
      }
      if (line.problem === "invalid-utf8") {
        yield { event: warning(file, line.no, "invalid UTF-8; bad bytes replaced with U+FFFD", false), bytes };
      }
      for (const event of lineEvents(parser, file, line.text, line.no)) {
        if (event.kind === "paper") papers++;
        yield* withNotes(event, bytes, page);
      }
    }
    for (const event of parser.end()) {
      if (event.kind === "paper") papers++;
      yield* withNotes(event, bytes, page);
    }
    if (papers === 0) yield { event: warning(file, 0, `no papers found in this ${input.text === undefined ? "file" : "text"}`), bytes };
    await readThrough();
  } finally {
    await opened.close();
  }
}

/** One line through its parser, control characters removed first (and reported). */
function lineEvents(parser: LineParser, file: string, raw: string, no: number): ParseEvent[] {
  CONTROL.lastIndex = 0;
  if (!CONTROL.test(raw)) return parser.line(raw, no);
  CONTROL.lastIndex = 0;
  return [warning(file, no, "control characters removed", false), ...parser.line(raw.replace(CONTROL, ""), no)];
}

/**
 * A paper event, then a note when extraction will read only part of its abstract. A record that
 * names no upstream id (no origin) is a source as its file is, a page named like the input's pages.
 */
function* withNotes(read: ParseEvent, bytes: number, page: string): Generator<FileEvent> {
  const event: ParseEvent = read.kind === "paper" && !read.paper.origin ? { kind: "paper", paper: { ...read.paper, origin: { kind: "page", id: page } } } : read;
  yield { event, bytes };
  if (event.kind !== "paper" || event.paper.abstract.length <= MAX_ABSTRACT_CHARS) return;
  const { abstract, source } = event.paper;
  const note = `the abstract is ${abstract.length.toLocaleString("en")} characters; facts come from its first ${MAX_ABSTRACT_CHARS.toLocaleString("en")}`;
  yield { event: warning(source.file, source.line, note, false), bytes };
}

/** Whole-text parsing for tests (ingest and extract read through parseInput). */
export function parseText(text: string, file: string, format: Format = detectFormat(text.slice(0, 65536))): ParsedFile {
  const parser = parserFor(format, file);
  const events = text.split(/\r?\n/).flatMap((l, i) => parser.line(l.replace(CONTROL, ""), i + 1));
  events.push(...parser.end());
  return { format, ...collect(events) };
}

/**
 * JSON.parse's complaint without the echo of the line it quotes, its position as a column:
 * "Unexpected token 'b', "{"id": broken" is not valid JSON" -> "unexpected token 'b'",
 * "Expected ',' or '}' after property value in JSON at position 6" -> "... at column 7".
 */
function jsonProblem(message: string): string {
  const quoted = /^(.+?), ".*" is not valid JSON$/s.exec(message);
  const text = (quoted ? quoted[1]! : message).replace(/ in JSON at position (\d+)(?: \(line \d+ column \d+\))?$/, (_, p: string) => ` at column ${Number(p) + 1}`);
  return text.charAt(0).toLowerCase() + text.slice(1);
}
