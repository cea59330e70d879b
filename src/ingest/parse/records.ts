// JSON record shapes -> Paper. Records come in as `unknown` and are narrowed field by field; a record
// that cannot become a paper says why, and the caller reports it with file:line.
import { paperId, paperIds, stubIdOf, type Paper, type PaperIds, type PaperRef } from "../../domain";
import { clip } from "./events";
import { cleanAbstract, cleanText, titleAsWritten } from "./text";

export const RECORD_FORMATS = ["arxiv", "s2", "openalex", "hf"] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];

/** A paper, with notes about what was repaired in it; or the reason the record is not a paper. */
export type RecordResult = { readonly paper: Paper; readonly notes: readonly string[] } | { readonly problem: string };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

type Obj = { readonly [key: string]: unknown };

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function str(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}
function arr(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}
function strings(v: unknown): string[] {
  return arr(v).map((x) => (typeof x === "string" ? cleanText(x) : "")).filter(Boolean);
}
function isoDate(v: unknown): string | null {
  const s = str(v);
  return s && /^\d{4}(-\d{2}(-\d{2})?)?/.test(s) ? s.slice(0, 10) : null;
}

/** Which shape a parsed record has, from the keys only that shape carries; null if none. */
export function detectRecord(rec: unknown): RecordFormat | null {
  if (!isObj(rec)) return null;
  if ("abstract_inverted_index" in rec || "referenced_works" in rec || (typeof rec.id === "string" && rec.id.startsWith("https://openalex.org/"))) return "openalex";
  if ("paperId" in rec) return "s2";
  // Hugging Face Papers: daily_papers and search answer {paper: {...}, ...}; papers/{id} answers the paper.
  if ((isObj(rec.paper) && "summary" in rec.paper) || ("summary" in rec && ("upvotes" in rec || "publishedAt" in rec))) return "hf";
  if ("id" in rec && "abstract" in rec && ("update_date" in rec || "categories" in rec || "authors" in rec)) return "arxiv";
  return null;
}

export function recordToPaper(format: RecordFormat, rec: unknown, file: string, line: number): RecordResult {
  if (!isObj(rec)) return { problem: "record is not a JSON object; skipped" };
  switch (format) {
    case "arxiv": return fromArxiv(rec, file, line);
    case "s2": return fromS2(rec, file, line);
    case "openalex": return fromOpenAlex(rec, file, line);
    case "hf": return fromHuggingFace(rec, file, line);
    default: {
      const never: never = format;
      throw new Error(`unknown record format ${String(never)}`);
    }
  }
}

/** What a field holds when it holds something other than text ("a number", "a list"); undefined for text or nothing. */
function notText(v: unknown): string | undefined {
  if (v === undefined || v === null || typeof v === "string") return undefined;
  return Array.isArray(v) ? "a list" : typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/** Shared checks: a title and an abstract, both non-empty after cleaning. */
export function checkedPaper(fields: Omit<Paper, "id" | "title" | "abstract"> & { title: unknown; abstract: unknown }, label: string): RecordResult {
  if (notText(fields.title)) return { problem: `${label}'s title is ${notText(fields.title)}, not text; skipped` };
  const title = typeof fields.title === "string" ? cleanText(fields.title) : "";
  if (!title) return { problem: `${label} has no title; skipped` };
  if (notText(fields.abstract)) return { problem: `paper "${clip(title)}": its abstract is ${notText(fields.abstract)}, not text; skipped` };
  const abstract = typeof fields.abstract === "string" ? cleanAbstract(fields.abstract) : "";
  if (!abstract) return { problem: `paper "${clip(title)}" has no abstract; skipped` };
  if (title.length > 400) return { problem: `title is ${title.length} characters long; not a paper title, skipped` };
  const notes = [fields.title, fields.abstract].some((v) => typeof v === "string" && CONTROL.test(v)) ? ["control characters removed"] : [];
  const out: { -readonly [K in keyof Paper]: Paper[K] } = { ...fields, id: paperId(title), title, ...titleAsWritten(fields.title as string, title), abstract };
  if (!out.venue) delete out.venue;
  return { paper: out, notes };
}

/** arXiv metadata snapshot (Kaggle "arxiv-metadata-oai-snapshot.json"): one object per line. */
function fromArxiv(rec: Obj, file: string, line: number): RecordResult {
  const id = str(rec.id);
  const parsed = arr(rec.authors_parsed)
    .map((a) => arr(a).filter((x): x is string => typeof x === "string"))
    .map(([last, first]) => cleanText([first, last].filter(Boolean).join(" ")))
    .filter(Boolean);
  const authors = parsed.length ? parsed : splitAuthors(str(rec.authors));
  const ids = paperIds({ arxiv: id, doi: str(rec.doi) });
  return checkedPaper({
    title: rec.title, abstract: rec.abstract,
    listingDate: isoDate(rec.update_date),
    source: { file, line },
    ids,
    // A record whose id is no arXiv id (a local export's own ids) is still that record: its id names the source.
    origin: ids.arxiv ? { kind: "arxiv", id: ids.arxiv } : id?.trim() ? { kind: "arxiv", id: id.trim() } : undefined,
    venue: cleanOrUndefined(rec["journal-ref"]),
    authors,
    categories: (str(rec.categories) ?? "").split(/\s+/).filter(Boolean),
  }, `arXiv record ${id ?? "without id"}`);
}

/** The names of a list of {name} objects (Semantic Scholar's and Hugging Face's authors). */
function namesOf(v: unknown): string[] {
  return arr(v).map((a) => (isObj(a) && typeof a.name === "string" ? cleanText(a.name) : "")).filter(Boolean);
}

/** "A, B and C" as three names. */
export function splitAuthors(s: string | undefined): string[] {
  if (!s) return [];
  return s.split(/,|\band\b/).map((a) => cleanText(a)).filter(Boolean);
}

/** Semantic Scholar Graph API paper (fields=title,abstract,year,externalIds,authors,references,...). */
function fromS2(rec: Obj, file: string, line: number): RecordResult {
  const id = str(rec.paperId);
  const references: PaperRef[] = [];
  for (const r of arr(rec.references)) {
    if (!isObj(r)) continue;
    const ref = toRef(str(r.title), { s2: str(r.paperId), ...s2ExternalIds(r.externalIds) });
    if (ref) references.push(ref);
  }
  const ids = paperIds({ s2: id, ...s2ExternalIds(rec.externalIds) });
  return checkedPaper({
    title: rec.title, abstract: rec.abstract,
    listingDate: isoDate(rec.publicationDate) ?? (typeof rec.year === "number" ? String(rec.year) : null),
    source: { file, line },
    ids,
    origin: ids.s2 ? { kind: "s2", id: ids.s2 } : undefined,
    venue: cleanOrUndefined(rec.venue) ?? (isObj(rec.journal) ? cleanOrUndefined(rec.journal.name) : undefined),
    authors: namesOf(rec.authors),
    categories: strings(rec.fieldsOfStudy),
    references,
  }, `Semantic Scholar record ${id ?? "without paperId"}`);
}

/** OpenAlex work (api.openalex.org/works, or a line of the snapshot). */
function fromOpenAlex(rec: Obj, file: string, line: number): RecordResult {
  const id = openAlexId(rec.id);
  const references: PaperRef[] = [];
  for (const w of arr(rec.referenced_works)) {
    const ref = toRef(undefined, { openalex: openAlexId(w) });
    if (ref) references.push(ref);
  }
  const location = isObj(rec.primary_location) ? rec.primary_location : undefined;
  const ids = paperIds({
    openalex: id,
    doi: str(rec.doi) ?? (isObj(rec.ids) ? str(rec.ids.doi) : undefined),
    arxiv: location && /arxiv\.org/i.test(str(location.landing_page_url) ?? "") ? str(location.landing_page_url) : undefined,
  });
  return checkedPaper({
    title: rec.title ?? rec.display_name,
    abstract: invertedAbstract(rec.abstract_inverted_index),
    listingDate: isoDate(rec.publication_date) ?? (typeof rec.publication_year === "number" ? String(rec.publication_year) : null),
    source: { file, line },
    ids,
    origin: ids.openalex ? { kind: "openalex", id: ids.openalex } : undefined,
    venue: location && isObj(location.source) ? cleanOrUndefined(location.source.display_name) : undefined,
    authors: arr(rec.authorships)
      .map((a) => (isObj(a) && isObj(a.author) && typeof a.author.display_name === "string" ? cleanText(a.author.display_name) : ""))
      .filter(Boolean),
    references,
  }, `OpenAlex work ${id ?? "without id"}`);
}

/**
 * Hugging Face Papers API (huggingface.co/api/daily_papers, /api/papers/search, /api/papers/{id}): the
 * paper under "paper" (daily papers and search) or the record itself; its id is the arXiv id.
 */
function fromHuggingFace(rec: Obj, file: string, line: number): RecordResult {
  const p = isObj(rec.paper) ? rec.paper : rec;
  const id = str(p.id);
  const ids = paperIds({ arxiv: id });
  return checkedPaper({
    title: p.title ?? rec.title, abstract: p.summary ?? rec.summary,
    listingDate: isoDate(p.publishedAt) ?? isoDate(rec.publishedAt),
    source: { file, line },
    ids,
    origin: ids.arxiv ? { kind: "hf", id: ids.arxiv } : id?.trim() ? { kind: "hf", id: id.trim() } : undefined,
    // Authors an author page hides are still the paper's authors; the name is what the paper prints.
    authors: namesOf(p.authors),
  }, `Hugging Face paper ${id ?? "without id"}`);
}

function openAlexId(v: unknown): string | undefined {
  const s = str(v);
  const m = s && /(W\d+)\s*$/i.exec(s);
  return m ? m[1]!.toUpperCase() : undefined;
}

/** OpenAlex stores abstracts as word -> positions; the text is the words put back in order. */
export function invertedAbstract(index: unknown): string | undefined {
  if (!isObj(index)) return undefined;
  const words: string[] = [];
  for (const [word, positions] of Object.entries(index)) {
    for (const p of arr(positions)) if (typeof p === "number" && Number.isInteger(p) && p >= 0 && p < 100_000) words[p] = word;
  }
  return words.filter((w) => w !== undefined).join(" ");
}

/** Semantic Scholar's externalIds ({ArXiv, DOI, ...}) as ours. */
function s2ExternalIds(v: unknown): PaperIds {
  return isObj(v) ? { arxiv: str(v.ArXiv), doi: str(v.DOI) } : {};
}

function cleanOrUndefined(v: unknown): string | undefined {
  const s = typeof v === "string" ? cleanText(v) : "";
  return s || undefined;
}

function toRef(title: string | undefined, raw: PaperIds): PaperRef | null {
  const t = title ? cleanText(title) : "";
  const ids = paperIds(raw);
  const has = Object.keys(ids).length > 0;
  if (t) return has ? { id: paperId(t), title: t, ids } : { id: paperId(t), title: t };
  const stub = stubIdOf(ids);
  return stub ? { id: stub, ids } : null;
}
