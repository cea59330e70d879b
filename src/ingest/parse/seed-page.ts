// Reads "trending papers" pages: page chrome, a listing date line ("Mar 17"), then papers as
// a title line, a blank line and an abstract line. A file may hold several pages, each with its date.
import { pageName, paperId, type IngestMessage, type Paper } from "../../domain";
import { clip, warning, type LineParser, type ParseEvent } from "./events";
import { cleanText } from "./text";

export interface ParseResult {
  readonly papers: readonly Paper[];
  readonly messages: readonly IngestMessage[];
}

/** Lines the page itself shows around the listing; never titles. */
const CHROME = [
  /^new$/i,
  /^subscribe$/i,
  /^get trending papers in your email inbox!?$/i,
  /^by\s*ak and the research community$/i,
  /^trending papers$/i,
];
const LISTING_DATE = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(, \d{4})?$/i;

export function isChrome(line: string): boolean {
  return CHROME.some((re) => re.test(line));
}

export function isListingDate(line: string): boolean {
  return LISTING_DATE.test(line);
}

interface Paragraph {
  readonly line: number;
  readonly lines: string[];
}

/**
 * Splits a page into papers, a paragraph at a time. Paragraphs are runs of non-blank lines; a title
 * paragraph is one line followed by an abstract paragraph. A title with no abstract after it is reported.
 */
export class SeedPageParser implements LineParser {
  private current: Paragraph | null = null;
  /** A one-line title paragraph waiting for its abstract paragraph. */
  private pendingTitle: Paragraph | null = null;
  private listingDate: string | null = null;

  constructor(private readonly file: string) {}

  line(raw: string, no: number): ParseEvent[] {
    const line = raw.trim();
    if (!line) return this.closeParagraph();
    if (!this.current) this.current = { line: no, lines: [] };
    this.current.lines.push(line);
    return [];
  }

  end(): ParseEvent[] {
    const out = this.closeParagraph();
    if (this.pendingTitle) out.push(...this.paper(this.pendingTitle, []));
    this.pendingTitle = null;
    return out;
  }

  private closeParagraph(): ParseEvent[] {
    const para = this.current;
    this.current = null;
    if (!para) return [];
    const out: ParseEvent[] = [];
    const pending = this.pendingTitle;
    if (pending) {
      this.pendingTitle = null;
      if (!looksLikeHeader(para.lines)) return this.paper(pending, para.lines);
      out.push(...this.paper(pending, []));
    }
    const first = para.lines[0]!;
    if (para.lines.length === 1 && isChrome(first)) return out;
    if (para.lines.length === 1 && isListingDate(first)) {
      this.listingDate = first;
      return out;
    }
    // A paragraph of several lines may hold title and abstract without the blank line between.
    if (para.lines.length === 1) this.pendingTitle = para;
    else out.push(...this.paper(para, para.lines.slice(1)));
    return out;
  }

  private paper(titlePara: Paragraph, abstractLines: readonly string[]): ParseEvent[] {
    const title = cleanText(titlePara.lines[0]!);
    const abstract = cleanText(abstractLines.join(" "));
    if (!title) return [];
    if (!abstract) return [warning(this.file, titlePara.line, `paper "${clip(title)}" has no abstract; skipped`)];
    if (title.length > 400) {
      return [warning(this.file, titlePara.line, `title line is ${title.length} characters long; not a paper title, skipped`)];
    }
    const paper: Paper = {
      id: paperId(title), title, abstract, listingDate: this.listingDate, source: { file: this.file, line: titlePara.line },
      origin: { kind: "page", id: pageName(this.file) },
    };
    return [{ kind: "paper", paper }];
  }
}

function looksLikeHeader(lines: readonly string[]): boolean {
  return lines.length === 1 && (isChrome(lines[0]!) || isListingDate(lines[0]!));
}

/** The whole-text form, for tests and small inputs. */
export function parseSeedPage(text: string, file: string): ParseResult {
  const parser = new SeedPageParser(file);
  const events = text.split(/\r?\n/).flatMap((l, i) => parser.line(l, i + 1));
  events.push(...parser.end());
  return collect(events);
}

export function collect(events: readonly ParseEvent[]): ParseResult {
  const papers: Paper[] = [];
  const messages: IngestMessage[] = [];
  for (const e of events) {
    if (e.kind === "paper") papers.push(e.paper);
    else messages.push(e.message);
  }
  return { papers, messages };
}
