// Reads "trending papers" pages: page chrome, a listing date line ("Mar 17"), then papers as
// a title line, a blank line and an abstract line. A file may hold several pages.
import { paperId, type IngestMessage, type Paper } from "../../domain";
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

/**
 * Splits a page into papers. Paragraphs are runs of non-blank lines; a title paragraph is one
 * line followed by an abstract paragraph. A title with no abstract after it is reported, not kept.
 */
export function parseSeedPage(text: string, file: string): ParseResult {
  const papers: Paper[] = [];
  const messages: IngestMessage[] = [];
  const paragraphs = toParagraphs(text);
  let listingDate: string | null = null;

  for (let i = 0; i < paragraphs.length; i++) {
    const para = paragraphs[i]!;
    if (para.lines.length === 1 && isChrome(para.lines[0]!)) continue;
    if (para.lines.length === 1 && isListingDate(para.lines[0]!)) {
      listingDate = para.lines[0]!;
      continue;
    }
    const title = cleanText(para.lines[0]!);
    // A paragraph of several lines may hold title and abstract without the blank line between.
    let abstractLines = para.lines.slice(1);
    if (abstractLines.length === 0) {
      const next = paragraphs[i + 1];
      if (next && !looksLikeHeader(next.lines)) {
        abstractLines = next.lines;
        i++;
      }
    }
    const abstract = cleanText(abstractLines.join(" "));
    if (!title) continue;
    if (!abstract) {
      messages.push({ severity: "warning", file, line: para.line, message: `paper "${clip(title)}" has no abstract; skipped` });
      continue;
    }
    if (title.length > 400) {
      messages.push({ severity: "warning", file, line: para.line, message: `title line is ${title.length} characters long; not a paper title, skipped` });
      continue;
    }
    papers.push({ id: paperId(title), title, abstract, listingDate, source: { file, line: para.line } });
  }
  return { papers, messages };
}

function looksLikeHeader(lines: readonly string[]): boolean {
  return lines.length === 1 && (isChrome(lines[0]!) || isListingDate(lines[0]!));
}

interface Paragraph {
  readonly line: number;
  readonly lines: string[];
}

function toParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let current: Paragraph | null = null;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line) {
      current = null;
      return;
    }
    if (!current) {
      current = { line: index + 1, lines: [] };
      out.push(current);
    }
    current.lines.push(line);
  });
  return out;
}

function clip(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + "..." : s;
}
