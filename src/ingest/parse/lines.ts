// Reads an input as lines without ever holding more than one line (up to a cap) in memory. Works on
// bytes so that invalid UTF-8 and overlong lines are found per line and reported with their number.
// An input is opened once: its first chunks are peeked for format detection, then read on as lines.
import { createHash } from "node:crypto";
import * as fs from "node:fs";

export interface Line {
  /** 1-based line number. */
  readonly no: number;
  /** The decoded line without its line break; "" for a line that was dropped. */
  readonly text: string;
  /** Bytes of the file consumed up to the end of this line, for progress. */
  readonly bytes: number;
  /** Why the line is unusable or was repaired, if it was. */
  readonly problem?: "too-long" | "invalid-utf8";
  /** Length in bytes of a dropped overlong line. */
  readonly length?: number;
}

/** Longer lines are dropped with a warning: no paper record is this long, and buffering it would not keep memory flat. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

const strict = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8", { fatal: false });

/** True when the first bytes look binary (NUL bytes), so the file is reported instead of parsed. */
export function looksBinary(head: Buffer): boolean {
  return head.subarray(0, 8192).includes(0);
}

/** How much of an input format detection sees. */
export const HEAD_BYTES = 64 * 1024;

/** An opened input: its first bytes (up to HEAD_BYTES, for detection) and all its bytes as chunks, head included. */
export interface OpenedInput {
  readonly head: Buffer;
  readonly chunks: AsyncIterable<Buffer>;
  /** Releases the file when the caller stops before the end (reading to the end releases it too). */
  close(): Promise<void>;
  /**
   * sha256 (hex) of every byte of the input as it was read, once `chunks` has been read to its end;
   * null before that (and for an input left part-read). What a file held when it was read, whatever
   * it holds by now.
   */
  sha256(): string | null;
}

/** An http or https address: read over the network, streamed like a file. */
export function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

/** How long a server may take to answer before the input is given up (the body then streams at its pace). */
const ANSWER_TIMEOUT_MS = 60_000;

/** A server's answer that is no content: its status, as the reason the input cannot be read. */
export class HttpStatusError extends Error {
  constructor(readonly status: number, statusText: string) {
    super(`the server answered HTTP ${status}${statusText ? ` ${statusText}` : ""}`);
  }
}

/** The bytes of a file or of a URL's answer, and how to stop reading them. */
interface ByteSource {
  readonly it: AsyncIterator<Buffer>;
  close(): void;
}

async function openFile(file: string): Promise<ByteSource> {
  const handle = await fs.promises.open(file, "r");
  const stream = handle.createReadStream({ highWaterMark: 64 * 1024 });
  return { it: (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator](), close: () => stream.destroy() };
}

async function openUrl(url: string): Promise<ByteSource> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${ANSWER_TIMEOUT_MS / 1000} s`)), ANSWER_TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(url, {
      signal: controller.signal,
      headers: { "user-agent": "techtree", accept: "application/json, application/atom+xml, application/rss+xml, text/plain;q=0.9, */*;q=0.5" },
    });
  } finally {
    clearTimeout(timer);
  }
  if (!res.ok || !res.body) {
    controller.abort();
    throw new HttpStatusError(res.status, res.statusText);
  }
  const reader = res.body.getReader();
  return {
    it: {
      async next(): Promise<IteratorResult<Buffer>> {
        const r = await reader.read();
        return r.done ? { done: true, value: undefined } : { done: false, value: Buffer.from(r.value) };
      },
    },
    close: () => controller.abort(),
  };
}

/**
 * Opens a file (or an http(s) address) once and peeks at its first chunks; or wraps text already in
 * memory (the ingest mutation) the same way, so all are read by the same code. Throws when the input
 * cannot be opened.
 */
export async function openInput(source: { readonly file: string; readonly text?: string }): Promise<OpenedInput> {
  if (source.text !== undefined) {
    const all = Buffer.from(source.text, "utf8");
    const digest = createHash("sha256").update(all).digest("hex");
    let read = all.length === 0;
    return {
      head: all.subarray(0, HEAD_BYTES),
      chunks: (async function* () { if (all.length) yield all; read = true; })(),
      close: async () => {},
      sha256: () => (read ? digest : null),
    };
  }
  const { it: raw, close: stop } = isUrl(source.file) ? await openUrl(source.file) : await openFile(source.file);
  // Every byte is hashed as it is read, so the hash is of the content read, not of a second look at the file.
  const hash = createHash("sha256");
  let digest: string | null = null;
  const it = {
    async next(): Promise<IteratorResult<Buffer>> {
      const next = await raw.next();
      if (next.done) digest ??= hash.digest("hex");
      else hash.update(next.value);
      return next;
    },
  };
  const peeked: Buffer[] = [];
  let peekedBytes = 0;
  let ended = false;
  try {
    while (peekedBytes < HEAD_BYTES) {
      const next = await it.next();
      if (next.done) { ended = true; break; }
      peeked.push(next.value);
      peekedBytes += next.value.length;
    }
  } catch (err) {
    stop();
    throw err;
  }
  const head = Buffer.concat(peeked, peekedBytes).subarray(0, HEAD_BYTES);
  const chunks = (async function* () {
    yield* peeked;
    if (ended) return;
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
  })();
  const close = async () => { stop(); };
  const sha256 = () => digest;
  // UTF-16 with its byte-order mark (what Windows Notepad saves as "Unicode") is read as UTF-8 text.
  const utf16 = head[0] === 0xff && head[1] === 0xfe ? "utf-16le" : head[0] === 0xfe && head[1] === 0xff ? "utf-16be" : null;
  if (!utf16) return { head, chunks, close, sha256 };
  const decoder = new TextDecoder(utf16);
  return {
    head: Buffer.from(new TextDecoder(utf16).decode(head), "utf8"),
    chunks: (async function* () {
      for await (const chunk of chunks) {
        const text = decoder.decode(chunk, { stream: true });
        if (text) yield Buffer.from(text, "utf8");
      }
      const rest = decoder.decode();
      if (rest) yield Buffer.from(rest, "utf8");
    })(),
    close,
    sha256,
  };
}

/** "8 MiB" for MAX_LINE_BYTES, as warnings name the limit. */
export function lineLimit(maxLineBytes = MAX_LINE_BYTES): string {
  const mib = maxLineBytes / (1024 * 1024);
  return `${maxLineBytes.toLocaleString("en")} bytes${Number.isInteger(mib) ? ` (${mib} MiB)` : ""}`;
}

/**
 * Lines of a file (opened here) or of an input's chunks. An overlong line's bytes are dropped, but
 * `overlong`, when given, sees each of them (its line's number, then its bytes in pieces) before they
 * go: a parser can follow the structure the line holds (a JSON document's brackets) without keeping it.
 */
export async function* readLines(
  source: string | AsyncIterable<Buffer>,
  maxLineBytes = MAX_LINE_BYTES,
  overlong?: (piece: Buffer, no: number) => void,
): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let partBytes = 0;
  let dropping = false;
  let no = 0;
  let consumed = 0;

  const finish = (): Line => {
    no++;
    if (dropping) {
      const length = partBytes;
      parts = [];
      partBytes = 0;
      dropping = false;
      return { no, text: "", bytes: consumed, problem: "too-long", length };
    }
    let buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts, partBytes);
    parts = [];
    partBytes = 0;
    if (buf.length > 0 && buf[buf.length - 1] === 0x0d) buf = buf.subarray(0, buf.length - 1);
    if (no === 1 && buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    try {
      return { no, text: strict.decode(buf), bytes: consumed };
    } catch {
      return { no, text: lenient.decode(buf), bytes: consumed, problem: "invalid-utf8" };
    }
  };

  const add = (piece: Buffer): void => {
    if (dropping) {
      partBytes += piece.length;
      overlong?.(piece, no + 1);
      return;
    }
    partBytes += piece.length;
    if (partBytes > maxLineBytes) {
      dropping = true;
      for (const part of parts) overlong?.(part, no + 1);
      overlong?.(piece, no + 1);
      parts = [];
      return;
    }
    // Copy: the stream reuses nothing, but a slice would pin the whole 64 KB chunk.
    parts.push(Buffer.from(piece));
  };

  const chunks = typeof source === "string" ? (await openInput({ file: source })).chunks : source;
  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) break;
      add(chunk.subarray(start, nl));
      consumed += nl + 1 - start;
      yield finish();
      start = nl + 1;
    }
    if (start < chunk.length) {
      add(chunk.subarray(start));
      consumed += chunk.length - start;
    }
  }
  if (partBytes > 0 || dropping) yield finish();
}
