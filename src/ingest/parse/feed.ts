// Reads Atom and RSS feeds of papers: the arXiv API's answers (export.arxiv.org/api/query, Atom),
// arXiv's daily listings (rss.arxiv.org, RSS 2.0 or Atom) and other feeds whose entries are papers.
// Feeds are machine-written, so an entry is read with a few patterns rather than a general XML
// parser: the text from <entry> (or <item>) to its end tag, then its elements by name. Entries are
// found a line at a time, so a feed of any size streams, and each paper keeps the line its entry
// starts on.
import { paperIds } from "../../domain";
import { clip, warning, type LineParser, type ParseEvent } from "./events";
import { checkedPaper, splitAuthors, type RecordResult } from "./records";
import { cleanText, decodeEntities } from "./text";

/** An entry longer than this is no paper: it is dropped, and reported, without being held whole. */
const MAX_ENTRY_CHARS = 4 * 1024 * 1024;

/** Is this the start of a feed (the first bytes of a file)? */
export function looksLikeFeed(head: string): boolean {
  // The root element, after any declaration, stylesheet instruction, comment or doctype.
  return /^(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(feed|rss|rdf:RDF)[\s>]/i.test(head);
}

export class FeedParser implements LineParser {
  /** The entry being read: its element name, first line and text so far. */
  private entry: { tag: string; line: number; parts: string[]; chars: number } | null = null;

  constructor(private readonly file: string) {}

  line(text: string, no: number): ParseEvent[] {
    const out: ParseEvent[] = [];
    let rest = text;
    for (;;) {
      let opened = false;
      if (!this.entry) {
        const open = /<(entry|item)(?=[\s>/])/.exec(rest);
        if (!open) return out;
        this.entry = { tag: open[1]!, line: no, parts: [], chars: 0 };
        rest = rest.slice(open.index);
        opened = true;
      }
      const endTag = `</${this.entry.tag}>`;
      const close = rest.indexOf(endTag);
      // An entry whose end tag is missing runs into the next one: without this, the first's title
      // would be read with the next one's id and abstract, a paper under another paper's title.
      const next = new RegExp(`<${this.entry.tag}(?=[\\s>/])`, "g");
      next.lastIndex = opened ? 1 : 0;
      const reopen = next.exec(rest);
      if (reopen && (close < 0 || reopen.index < close)) {
        out.push(warning(this.file, this.entry.line, `the feed entry that starts here has no ${endTag} before the next entry (line ${no}); skipped`));
        this.entry = null;
        rest = rest.slice(reopen.index);
        continue;
      }
      if (close < 0) {
        this.keep(rest + "\n");
        return out;
      }
      this.keep(rest.slice(0, close));
      out.push(...this.read(this.entry));
      this.entry = null;
      rest = rest.slice(close + endTag.length);
    }
  }

  end(): ParseEvent[] {
    if (!this.entry) return [];
    const { line } = this.entry;
    this.entry = null;
    return [warning(this.file, line, "the feed entry that starts here never ends (a truncated file?); skipped, the entries before it were read")];
  }

  private keep(text: string): void {
    const entry = this.entry!;
    entry.chars += text.length;
    if (entry.chars <= MAX_ENTRY_CHARS) entry.parts.push(text);
    else entry.parts = [];
  }

  private read(entry: { line: number; parts: string[]; chars: number }): ParseEvent[] {
    if (entry.chars > MAX_ENTRY_CHARS) {
      return [warning(this.file, entry.line, `feed entry of ${entry.chars.toLocaleString("en")} characters, more than any paper; skipped`)];
    }
    const r = entryToPaper(entry.parts.join(""), this.file, entry.line);
    if (!("paper" in r)) return [warning(this.file, entry.line, r.problem)];
    return [...r.notes.map((n) => warning(this.file, entry.line, n, false)), { kind: "paper", paper: r.paper }];
  }
}

/** One entry's XML (from its start tag to just before its end tag) as a paper, or why it is none. */
export function entryToPaper(xml: string, file: string, line: number): RecordResult {
  const links = [...elements(xml, "id"), ...elements(xml, "guid"), ...elements(xml, "link"), ...attributes(xml, "link", "href")];
  const summary = element(xml, "summary") ?? element(xml, "description") ?? element(xml, "content") ?? element(xml, "dc:description");
  // The arXiv API answers a bad query with one entry whose id is an error page and whose summary says why.
  if (links.some((l) => /arxiv\.org\/api\/errors/i.test(l))) {
    return { problem: `the arXiv API answered with an error: "${clip(textOf(summary ?? ""))}"; no paper in it` };
  }
  const arxiv = links.map(arxivIdIn).find(Boolean);
  const ids = paperIds({ arxiv: arxiv ? `arXiv:${arxiv}` : undefined, doi: element(xml, "arxiv:doi") ?? element(xml, "prism:doi") });
  const creators = elements(xml, "dc:creator").flatMap((c) => splitAuthors(textOf(c)));
  const authors = creators.length ? creators : elements(xml, "author").map((a) => textOf(element(a, "name") ?? "")).filter(Boolean);
  const categories = [...attributes(xml, "category", "term"), ...elements(xml, "category")].map(textOf).filter(Boolean);
  const venue = textOf(element(xml, "arxiv:journal_ref") ?? "");
  return checkedPaper({
    title: textOf(element(xml, "title") ?? ""),
    // arXiv's listings put "arXiv:2412.01234v1 Announce Type: new Abstract:" before the abstract.
    abstract: textOf(summary ?? "").replace(/^arXiv:\S+\s+Announce Type:\s*\S+\s+Abstract:\s*/i, ""),
    listingDate: dayOf(element(xml, "published") ?? element(xml, "pubDate") ?? element(xml, "dc:date") ?? element(xml, "updated")),
    source: { file, line },
    ids,
    origin: ids.arxiv ? { kind: "arxiv", id: ids.arxiv } : undefined,
    ...(venue ? { venue } : {}),
    authors: [...new Set(authors)],
    categories: [...new Set(categories)],
  }, arxiv ? `feed entry arXiv:${arxiv}` : "feed entry");
}

/** The arXiv id an entry's id or link names ("http://arxiv.org/abs/2205.14135v2", "oai:arXiv.org:2412.01234v1"). */
function arxivIdIn(s: string): string | undefined {
  const m = /arxiv\.org[:/](?:abs\/|pdf\/)?(\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?/i.exec(s);
  return m?.[1];
}

/** "2022-05-27T17:53:09Z" and RSS's "Mon, 09 Dec 2024 00:00:00 -0500" as the day they name. */
function dayOf(raw: string | undefined): string | null {
  const s = raw ? textOf(raw) : "";
  const iso = /^\d{4}-\d{2}-\d{2}/.exec(s);
  if (iso) return iso[0];
  const rfc = /(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+(\d{4})/i.exec(s);
  if (!rfc) return null;
  const month = "janfebmaraprmayjunjulaugsepoctnovdec".indexOf(rfc[2]!.toLowerCase()) / 3 + 1;
  return `${rfc[3]}-${String(month).padStart(2, "0")}-${rfc[1]!.padStart(2, "0")}`;
}

function escapeName(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The raw content of every element of that name (not self-closing ones). */
function elements(xml: string, name: string): string[] {
  const n = escapeName(name);
  const re = new RegExp(`<${n}(?:\\s[^>]*)?(?<!/)>([\\s\\S]*?)</${n}>`, "g");
  return [...xml.matchAll(re)].map((m) => m[1]!);
}

function element(xml: string, name: string): string | undefined {
  return elements(xml, name)[0];
}

/** The values of one attribute on every element of that name ("term" of <category term="cs.LG"/>). */
function attributes(xml: string, name: string, attr: string): string[] {
  const re = new RegExp(`<${escapeName(name)}\\s[^>]*?\\b${escapeName(attr)}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "g");
  return [...xml.matchAll(re)].map((m) => decodeEntities(m[1] ?? m[2] ?? ""));
}

/**
 * An element's content as text: CDATA as it is, escaped text unescaped, then the HTML a feed may
 * carry in a description (escaped or in CDATA) reduced to its words, and white space folded.
 */
function textOf(raw: string): string {
  const text = raw
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => (part.startsWith("<![CDATA[") ? part.slice(9, -3) : decodeEntities(part)))
    .join("")
    .replace(/<\/?[a-zA-Z][\w:-]*(?:\s[^<>]*)?\/?>/g, " ");
  return cleanText(text);
}
