// Reads an Atom document with the npm feed parser (feedparser: sax in strict mode, and SAX errors fail the
// parse instead of being collected, so malformed XML is refused) and checks what RFC 4287 requires.
import { Readable } from "node:stream";
import FeedParser from "feedparser";

export interface ParsedFeed {
  meta: FeedParser.Meta;
  items: FeedParser.Item[];
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function parseAtom(xml: string): Promise<ParsedFeed> {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ strict: true, resume_saxerror: false, normalize: true, addmeta: false });
    const items: FeedParser.Item[] = [];
    parser.on("error", reject);
    parser.on("readable", () => {
      let item: FeedParser.Item | null;
      while ((item = parser.read() as FeedParser.Item | null)) items.push(item);
    });
    parser.on("end", () => resolve({ meta: parser.meta, items }));
    Readable.from([xml]).pipe(parser);
  });
}

/** The RFC 4287 musts that a parser may forgive: ids, titles, updated dates (RFC 3339), an author. */
export function atomProblems(feed: ParsedFeed, xml: string): string[] {
  const problems: string[] = [];
  if (feed.meta["#type"] !== "atom") problems.push(`not read as Atom but as ${feed.meta["#type"]}`);
  const feedUpdated = element(feed.meta, "atom:updated");
  if (!element(feed.meta, "atom:id")) problems.push("feed has no id");
  if (!feed.meta.title) problems.push("feed has no title");
  if (!feedUpdated || !RFC3339.test(feedUpdated)) problems.push(`feed updated "${feedUpdated}" is not RFC 3339`);
  if (!feed.meta.author && feed.items.some((i) => !i.author)) problems.push("no author on the feed or on every entry");
  if (!/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/.test(xml)) problems.push("not an Atom 1.0 document");
  feed.items.forEach((item, i) => {
    if (!item.guid) problems.push(`entry ${i} has no id`);
    if (!item.title) problems.push(`entry ${i} has no title`);
    const updated = element(item, "atom:updated");
    if (!updated || !RFC3339.test(updated)) problems.push(`entry ${i} updated "${updated}" is not RFC 3339`);
    if (!item.link) problems.push(`entry ${i} has no link`);
  });
  return problems;
}

/** The text of a namespaced element as feedparser keeps it beside its normalised fields ({"#": text}). */
function element(node: object, name: string): string | undefined {
  const el = (node as Record<string, unknown>)[name] as { "#"?: unknown } | undefined;
  return typeof el?.["#"] === "string" ? el["#"] : undefined;
}
