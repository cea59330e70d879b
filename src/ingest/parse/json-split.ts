// Finds the records of a JSON document fed a line at a time, without parsing the document whole:
// the elements of a top-level array, or of the "data"/"results" array of a top-level wrapper object
// (Semantic Scholar and OpenAlex API responses). A top-level object without such an array is itself
// one record. Each record comes out as its JSON text and the line it starts on.

export interface JsonRecordText {
  readonly text: string;
  readonly line: number;
}

/** The keys of an API response's array of records (Semantic Scholar "data", OpenAlex "results"). */
export const RECORD_KEYS: ReadonlySet<string> = new Set(["data", "results"]);
/** A single-object document is buffered whole; larger ones are not paper records. */
const MAX_DOCUMENT_CHARS = 64 * 1024 * 1024;

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
  private whole: string[] | null = null;
  private wholeChars = 0;
  private wholeLine = 0;
  private sawRecordArray = false;
  /** The first line with text outside any container that is not white space (0: none): not JSON. */
  junkLine = 0;
  private lastLine = 0;

  line(text: string, no: number): JsonRecordText[] {
    const out: JsonRecordText[] = [];
    this.lastLine = no;
    // Where, in this line, the open key, record and whole document begin (0: on an earlier line).
    let keyStart = 0, recordStart = 0, wholeStart = 0;
    const s = text + "\n";
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
          }
        } else if (depth === 1 && c === "[" && this.stack[0] === "{" && this.lastKey !== null && RECORD_KEYS.has(this.lastKey)) {
          this.recordDepth = 2;
          this.sawRecordArray = true;
          this.whole = null;
        }
        if (depth === this.recordDepth && this.recordDepth > 0 && c === "{") {
          this.record = [];
          this.recordLine = no;
          recordStart = i;
        }
        this.stack.push(c);
      } else if (c === "}" || c === "]") {
        this.stack.pop();
        const after = this.stack.length;
        if (this.record && after === this.recordDepth && c === "}") {
          this.record.push(s.slice(recordStart, i + 1));
          out.push({ text: this.record.join(""), line: this.recordLine });
          this.record = null;
        } else if (after === this.recordDepth - 1 && c === "]") {
          this.recordDepth = 0;
        }
        if (after === 0 && this.whole && !this.sawRecordArray) {
          this.whole.push(s.slice(wholeStart, i + 1));
          out.push({ text: this.whole.join(""), line: this.wholeLine });
          this.whole = null;
        }
      } else if (depth === 0 && c.trim() !== "" && c !== "," && this.junkLine === 0) {
        this.junkLine = no;
      }
    }
    // Carry the unfinished parts of this line over to the next.
    if (this.inString && this.keyText !== null) this.keyText += s.slice(keyStart);
    if (this.record) this.record.push(s.slice(recordStart));
    if (this.whole) {
      const piece = s.slice(wholeStart);
      this.wholeChars += piece.length;
      if (this.wholeChars > MAX_DOCUMENT_CHARS) this.whole = null;
      else this.whole.push(piece);
    }
    return out;
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
