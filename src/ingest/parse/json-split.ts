// Finds the records of a JSON document fed a line at a time, without parsing the document whole:
// the elements of a top-level array, or of the "data"/"results" array of a top-level wrapper object
// (Semantic Scholar and OpenAlex API responses). A top-level object without such an array is itself
// one record. Each record comes out as its JSON text and the line it starts on.

export interface JsonRecordText {
  readonly text: string;
  readonly line: number;
  /**
   * The line too long to read (and its length in bytes) that held part of this record: the record's
   * text is then "", and the record is skipped for its size.
   */
  readonly tooLong?: { readonly line: number; readonly bytes: number };
}

/** The keys of an API response's array of records (Semantic Scholar "data", OpenAlex "results"). */
export const RECORD_KEYS: ReadonlySet<string> = new Set(["data", "results"]);
/** A single-object document is buffered whole; larger ones are not paper records. */
const MAX_DOCUMENT_CHARS = 64 * 1024 * 1024;
/** A key longer than this is not one of RECORD_KEYS: only its first characters are kept. */
const MAX_KEY_CHARS = 64;

export class JsonRecordSplitter {
  /** Open containers, outermost first. */
  private stack: ("{" | "[")[] = [];
  private inString = false;
  private escaped = false;
  /** Text of the string being read at depth 1 of the top object (a candidate key). */
  private keyText: string | null = null;
  private lastKey: string | null = null;
  /** Depth of the records array once known (1 for a top-level array, 2 inside a wrapper). */
  private recordDepth = 0;
  private record: string[] | null = null;
  private recordLine = 0;
  /** The open record (or whole document) had part of it on a line too long to read: its text is not kept. */
  private recordDropped = false;
  /** Set once the line too long to read has ended: that line, for the open record's warning. */
  private recordTooLong: { readonly line: number; readonly bytes: number } | undefined;
  /** A line too long to read is being dropped (droppedPiece, up to droppedLine). */
  private dropping = false;
  /** Records that ended on the line too long to read now being dropped (the lines they start on). */
  private droppedRecords: number[] = [];
  private whole: string[] | null = null;
  private wholeChars = 0;
  private wholeLine = 0;
  private sawRecordArray = false;
  /** The first line with text outside any container that is not white space (0: none): not JSON. */
  junkLine = 0;
  private lastLine = 0;

  line(text: string, no: number): JsonRecordText[] {
    return this.scan(text + "\n", no, true);
  }

  /**
   * A piece of a line too long to read (`no`), in order: its brackets and strings move the splitter
   * on as they would have, but no text is kept, and every record it touches is skipped for its size.
   * JSON's structure is ASCII, so the bytes may be decoded as Latin-1.
   */
  droppedPiece(piece: string, no: number): void {
    if (!this.dropping && (this.record || this.whole)) this.dropRecord();
    this.dropping = true;
    this.scan(piece, no, false);
  }

  /**
   * The line too long to read (`no`, `bytes` long) has ended: the lines where the records that ended
   * on it start, the line of the record it left open (null: none) and of the whole document it left
   * open (a one-object document, or an API response before its records), which will come out later
   * with `tooLong` and no text. None of them: the line held no record.
   */
  droppedLine(no: number, bytes: number): { readonly ended: readonly number[]; readonly open: number | null; readonly whole: number | null } {
    const ended = this.droppedRecords;
    const open = this.record ? this.recordLine : null;
    const whole = this.whole ? this.wholeLine : null;
    if (open !== null || whole !== null) this.recordTooLong ??= { line: no, bytes };
    this.droppedRecords = [];
    this.dropping = false;
    return { ended, open, whole };
  }

  /** The open record (or whole document) loses its text: part of it is on a line too long to read. */
  private dropRecord(): void {
    this.recordDropped = true;
    if (this.record) this.record = [];
    if (this.whole) this.whole = [];
  }

  /** One line (with its "\n") or, with `keep` false, a piece of a line too long to read. */
  private scan(s: string, no: number, keep: boolean): JsonRecordText[] {
    const out: JsonRecordText[] = [];
    this.lastLine = no;
    // Where, in this line, the open key, record and whole document begin (0: on an earlier line).
    let keyStart = 0, recordStart = 0, wholeStart = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === "\\") this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          if (this.keyText !== null) {
            this.lastKey = this.keyText + s.slice(keyStart, i);
            this.keyText = null;
          }
        }
        continue;
      }
      const depth = this.stack.length;
      if (c === '"') {
        this.inString = true;
        if (depth === 1 && this.stack[0] === "{") {
          this.keyText = "";
          keyStart = i + 1;
        }
      } else if (c === "{" || c === "[") {
        if (depth === 0) {
          if (c === "[") this.recordDepth = 1;
          else {
            this.whole = [];
            this.wholeChars = 0;
            this.wholeLine = no;
            wholeStart = i;
            this.opened(keep);
          }
        } else if (depth === 1 && c === "[" && this.stack[0] === "{" && this.lastKey !== null && RECORD_KEYS.has(this.lastKey)) {
          this.recordDepth = 2;
          this.sawRecordArray = true;
          this.whole = null;
          this.recordDropped = false;
          this.recordTooLong = undefined;
        }
        if (depth === this.recordDepth && this.recordDepth > 0 && c === "{") {
          this.record = [];
          this.recordLine = no;
          recordStart = i;
          this.opened(keep);
        }
        this.stack.push(c);
      } else if (c === "}" || c === "]") {
        this.stack.pop();
        const after = this.stack.length;
        if (this.record && after === this.recordDepth && c === "}") {
          this.record.push(s.slice(recordStart, i + 1));
          this.closed(out, this.record, this.recordLine, keep);
          this.record = null;
        } else if (after === this.recordDepth - 1 && c === "]") {
          this.recordDepth = 0;
        }
        if (after === 0 && this.whole && !this.sawRecordArray) {
          this.whole.push(s.slice(wholeStart, i + 1));
          this.closed(out, this.whole, this.wholeLine, keep);
          this.whole = null;
        }
      } else if (depth === 0 && c.trim() !== "" && c !== "," && this.junkLine === 0) {
        this.junkLine = no;
      }
    }
    // Carry the unfinished parts of this line over to the next.
    if (this.inString && this.keyText !== null) this.keyText = (this.keyText + s.slice(keyStart)).slice(0, MAX_KEY_CHARS);
    if (!keep || this.recordDropped) return out;
    if (this.record) this.record.push(s.slice(recordStart));
    if (this.whole) {
      const piece = s.slice(wholeStart);
      this.wholeChars += piece.length;
      if (this.wholeChars > MAX_DOCUMENT_CHARS) this.whole = null;
      else this.whole.push(piece);
    }
    return out;
  }

  /** A record (or whole document) starts: on a line too long to read, it is dropped from the start. */
  private opened(keep: boolean): void {
    this.recordDropped = false;
    this.recordTooLong = undefined;
    if (!keep) this.dropRecord();
  }

  /** A record (or whole document) ends: its text, or, when part of it was dropped, the line that was too long. */
  private closed(out: JsonRecordText[], parts: string[], line: number, keep: boolean): void {
    if (!keep) this.droppedRecords.push(line);
    else if (this.recordDropped) out.push({ text: "", line, tooLong: this.recordTooLong });
    else out.push({ text: parts.join(""), line });
    this.recordDropped = false;
    this.recordTooLong = undefined;
  }

  /**
   * What was left open at the end of the input: a record (or a one-record document) and the line it
   * starts on, or only the document's brackets after its last record; undefined when all is closed.
   */
  unfinished(): { readonly record: boolean; readonly line: number } | undefined {
    if (this.stack.length === 0 && !this.inString) return undefined;
    if (this.record) return { record: true, line: this.recordLine };
    if (this.whole) return { record: true, line: this.wholeLine };
    return { record: false, line: this.lastLine };
  }
}
