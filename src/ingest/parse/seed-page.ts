// Reads "trending papers" pages: page chrome, a listing date line ("Mar 17", or an ISO day
// "2024-03-17" as people write one by hand), then papers as a title line, a blank line and an
// abstract line. A file may hold several pages, each with its date.
import { paperId, type IngestMessage, type Paper } from "../../domain";
import { clip, warning, type LineParser, type ParseEvent } from "./events";
import { cleanAbstract, cleanText, titleAsWritten } from "./text";

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
/** A day alone on its line, as ISO: read as the listing date; before, it became a paper's title or abstract and the papers under it had none. */
const ISO_LISTING_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isChrome(line: string): boolean {
  return CHROME.some((re) => re.test(line));
}

export function isListingDate(line: string): boolean {
  return LISTING_DATE.test(line) || ISO_LISTING_DATE.test(line);
}

interface Paragraph {
  readonly line: number;
  readonly lines: string[];
}

/**
 * Splits a page into papers, a paragraph at a time. Paragraphs are runs of non-blank lines; a title
 * paragraph is one line followed by an abstract paragraph. Two slips of a hand-made page are read as
 * meant rather than shifting every paper after them: an abstract in several paragraphs (a line of
 * prose after an abstract continues it), and a title with no abstract (a title-like line after a
 * title, itself followed by prose, is the next paper's title; the lonely one is reported). A title
 * may end in a full stop: a line after an abstract that reads as a sentence but has a title's shape
 * (short, one sentence) is the next paper's title when a line of prose follows it, and otherwise
 * continues the abstract. After a title, where an abstract is expected, such a line must also be
 * capitalised as titles are ("Why Models Fixate on the First Token.") to be the next title.
 */
export class SeedPageParser implements LineParser {
  private current: Paragraph | null = null;
  /** A one-line title paragraph waiting for its abstract paragraph. */
  private pendingTitle: Paragraph | null = null;
  /** A title-like line (or a sentence that reads as a title) after the pending title: its abstract, or the next title (the paragraph after it tells). */
  private undecided: Paragraph | null = null;
  /** The last paper read, held while a following paragraph may continue its abstract. */
  private open: { title: Paragraph; abstract: string[] } | null = null;
  /** A title-shaped sentence after the open paper's abstract: more of it, or the next title (the paragraph after it tells). */
  private maybeTitle: Paragraph | null = null;
  private listingDate: string | null = null;
  /** The last line with text: where a file cut short stops. */
  private lastLine = 0;

  /** `page` names the page as a source (parse/index.ts: pageSource); the file as given when absent. */
  constructor(private readonly file: string, private readonly page: string = file) {}

  line(raw: string, no: number): ParseEvent[] {
    const line = raw.trim();
    if (!line) return this.closeParagraph();
    if (!this.current) this.current = { line: no, lines: [] };
    this.current.lines.push(line);
    this.lastLine = no;
    return [];
  }

  /**
   * The file's end: what is held, and a warning when the file looks cut short (a download that
   * stopped): its last abstract stops mid-sentence (that paper is written as it is, and ingesting the
   * whole page again completes it), or it ends with a title and no abstract (skipped).
   */
  end(): ParseEvent[] {
    const out = this.closeParagraph();
    const lonely = this.pendingTitle && !this.undecided ? this.pendingTitle : null;
    const held = this.flush();
    if (lonely) {
      // The lonely title's "has no abstract" says why it has none.
      const title = clip(cleanText(lonely.lines[0]!));
      const said = (e: ParseEvent) => e.kind === "message" && e.message.line === lonely.line;
      return [...out, ...held.filter((e) => !said(e)), warning(this.file, lonely.line, `paper "${title}" has no abstract: the file ends after its title, as a download cut short does; skipped`)];
    }
    const last = [...held].reverse().find((e) => e.kind === "paper");
    if (last?.kind === "paper" && stopsMidSentence(last.paper.abstract)) {
      const { title, abstract, source } = last.paper;
      const note = `paper "${clip(title)}" (line ${source.line}): its abstract stops mid-sentence at the end of the file ("...${abstract.slice(-40).trimStart()}"), as a download cut short does; written as it is, and ingesting the whole page again completes it`;
      return [...out, ...held, warning(this.file, this.lastLine, note, false)];
    }
    return [...out, ...held];
  }

  private closeParagraph(): ParseEvent[] {
    const para = this.current;
    this.current = null;
    if (!para) return [];
    const first = para.lines[0]!;
    if (looksLikeHeader(para.lines)) {
      const out = this.flush();
      if (isListingDate(first)) this.listingDate = first;
      return out;
    }
    const out: ParseEvent[] = [];
    if (this.maybeTitle) {
      const maybe = this.maybeTitle;
      this.maybeTitle = null;
      if (para.lines.length === 1 && isProse(first)) {
        // "Abstract / A Title Ending In A Full Stop. / its abstract": a new paper.
        out.push(...this.closeOpen());
        this.open = { title: maybe, abstract: [first] };
        return out;
      }
      this.open!.abstract.push(maybe.lines[0]!);
    }
    if (this.pendingTitle && this.undecided) {
      const title = this.pendingTitle, maybe = this.undecided;
      this.pendingTitle = this.undecided = null;
      if (para.lines.length === 1 && isProse(first)) {
        // "Lonely title / Next title / its abstract": the first title has none.
        out.push(...this.paper(title, []));
        this.open = { title: maybe, abstract: [first] };
        return out;
      }
      this.open = { title, abstract: maybe.lines };
    } else if (this.pendingTitle) {
      const title = this.pendingTitle;
      if (para.lines.length === 1 && (isTitleLike(first) || readsAsTitle(first))) {
        this.undecided = para;
        return out;
      }
      this.pendingTitle = null;
      this.open = { title, abstract: para.lines };
      return out;
    }
    if (this.open && para.lines.length === 1 && continuesAbstract(first)) {
      if (hasTitleShape(first)) this.maybeTitle = para;
      else this.open.abstract.push(first);
      return out;
    }
    out.push(...this.closeOpen());
    // A paragraph of several lines may hold title and abstract without the blank line between.
    if (para.lines.length === 1) this.pendingTitle = para;
    else this.open = { title: para, abstract: para.lines.slice(1) };
    return out;
  }

  /** Everything held: the open paper, an undecided line (the pending title's abstract after all), a lonely title. */
  private flush(): ParseEvent[] {
    if (this.maybeTitle) this.open!.abstract.push(this.maybeTitle.lines[0]!);
    this.maybeTitle = null;
    const out = this.closeOpen();
    if (this.pendingTitle) out.push(...this.paper(this.pendingTitle, this.undecided?.lines ?? []));
    this.pendingTitle = this.undecided = null;
    return out;
  }

  private closeOpen(): ParseEvent[] {
    const open = this.open;
    this.open = null;
    return open ? this.paper(open.title, open.abstract) : [];
  }

  private paper(titlePara: Paragraph, abstractLines: readonly string[]): ParseEvent[] {
    const title = cleanText(titlePara.lines[0]!);
    const abstract = cleanAbstract(abstractLines.join(" "));
    if (!title) return [];
    if (!abstract) return [warning(this.file, titlePara.line, `paper "${clip(title)}" has no abstract; skipped`)];
    if (title.length > 400) {
      return [warning(this.file, titlePara.line, `title line is ${title.length} characters long; not a paper title, skipped`)];
    }
    const paper: Paper = {
      id: paperId(title), title, ...titleAsWritten(titlePara.lines[0]!, title), abstract, listingDate: this.listingDate, source: { file: this.file, line: titlePara.line },
      origin: { kind: "page", id: this.page },
    };
    return [{ kind: "paper", paper }];
  }
}

const words = (line: string) => line.split(/\s+/).length;

/**
 * An abstract whose text stops where a sentence cannot: on a letter, digit, comma or the like, with
 * no full stop, "?", "!", closing bracket or quote after it. An address at the end ("Code:
 * https://github.com/x/y", "github.com/x/y") ends an abstract as it is (11 of the seed's and the
 * annotated papers' 334 abstracts do).
 */
export function stopsMidSentence(abstract: string): boolean {
  const text = abstract.trimEnd();
  if (!/[\p{L}\p{N},;:\-\u2013\u2014(/&+=]$/u.test(text)) return false;
  const lastWord = text.slice(text.search(/\S+$/));
  return !/:\/\/|^(www\.)?[\w-]+(\.[\w-]+)+\/\S*$/.test(lastWord);
}

/** A line that could be a title: short, and not ended by a full stop as sentences are. */
function isTitleLike(line: string): boolean {
  return !/\.$/.test(line) && words(line) <= 30;
}

/** A line of prose: a sentence's full stop at its end (a title may end with "?"), or longer than titles run. */
function isProse(line: string): boolean {
  return /\.["')\]]?$/.test(line) || words(line) > 30;
}

/** A line that continues the abstract before it: sentences ended by a full stop (a title may end with "?"). */
function continuesAbstract(line: string): boolean {
  return /\.["')\]]?$/.test(line) && words(line) >= 10;
}

/**
 * A sentence that could be a title ending in a full stop: as short as titles run (the seed's and
 * the annotated papers' longest have 17 words) and one sentence, no full stop, "?" or "!" inside it
 * followed by more words ("It builds on LoRA. It outperforms QLoRA." is two sentences, so prose).
 */
function hasTitleShape(line: string): boolean {
  return words(line) <= 25 && !/[.!?]["')\]]?\s+\S/.test(line);
}

/**
 * A sentence after a title that may be the next title rather than the first paragraph of its
 * abstract: a title's shape and a title's capitals. Of its words of four letters or more (a
 * hyphenated word is one; names such as LoRA, MMLU or 70B-scale aside), at least two and three in
 * four begin with a capital, as in titles ("Learning to Rank with Long-context Networks."); an
 * abstract's sentence has most in lower case. A title in sentence case is not told from an abstract.
 */
function readsAsTitle(line: string): boolean {
  if (!hasTitleShape(line)) return false;
  const plain = line.split(/\s+/)
    .map((token) => token.replace(/^[("'\u201c\u2018[]+|[.,:;!?"'\u201d\u2019)\]]+$/g, ""))
    .filter((w) => /^[A-Za-z]/.test(w) && w.replace(/[^A-Za-z]/g, "").length >= 4 && !/^.[^A-Z]*[A-Z]/.test(w.split("-")[0]!));
  const capitals = plain.filter((w) => /^[A-Z]/.test(w)).length;
  return capitals >= 2 && capitals * 4 >= plain.length * 3;
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
