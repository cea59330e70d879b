// Per-source provenance: what each source (an arXiv record, a Semantic Scholar record, an OpenAlex
// work, a page) said about a paper, and the rules that make one paper out of all of them. Pure: the
// paper that comes out depends only on the set of its sources, never on the order they arrived in,
// so re-ingesting source X replaces only what X said, and no source erases what another said.
import { createHash } from "node:crypto";
import {
  dateKey, ID_KINDS, nameKey, originOf, SOURCE_KINDS, sourceKey, textHash,
  type Paper, type PaperIds, type PaperRef, type SourceKind,
} from "../../domain";

/** What one source said about a paper. Stored on the paper as JSON, one per source (Paper.sourceRecords). */
export interface SourceRecord {
  /** "arxiv:2307.08691", "s2:<paperId>", "openalex:W123", "hf:2307.08691", "page:/srv/techtree/seeds/000_db28a67034f59696.txt". */
  readonly key: string;
  readonly kind: SourceKind;
  readonly id: string;
  readonly title: string;
  /** null in storage for the source whose text the paper shows (it is the paper's abstract). */
  readonly abstract: string | null;
  readonly listingDate: string | null;
  readonly venue: string | null;
  readonly ids: PaperIds;
  readonly authors: readonly string[];
  readonly categories: readonly string[];
  readonly references: readonly PaperRef[];
  readonly file: string;
  readonly line: number;
  /** Hash of everything above but abstract-as-stored, file and line: equal hashes mean the source said the same. */
  readonly hash: string;
}

export function recordOf(p: Paper): SourceRecord {
  const origin = originOf(p);
  const said = {
    title: p.title, abstract: p.abstract, listingDate: p.listingDate, venue: p.venue ?? null, ids: p.ids ?? {},
    authors: p.authors ?? [], categories: p.categories ?? [], references: p.references ?? [],
  };
  const hash = createHash("sha256").update(JSON.stringify(said)).digest("hex").slice(0, 24);
  return { key: sourceKey(origin), kind: origin.kind, id: origin.id, ...said, file: p.source.file, line: p.source.line, hash };
}

/**
 * The rule for the text extraction reads: the longest complete abstract (one that ends a sentence:
 * ".", "!", "?", optionally closed by a quote or bracket); with none complete, the longest. Ties go
 * to the source kind in SOURCE_KINDS order (arXiv, Semantic Scholar, OpenAlex, Hugging Face, page), then the key.
 */
export function bestSource(records: readonly SourceRecord[]): SourceRecord {
  if (records.length === 0) throw new Error("a paper without sources has no text");
  const complete = (r: SourceRecord) => /[.!?]["')\]]?\s*$/.test(r.abstract ?? "");
  const rank = (r: SourceRecord): [number, number, number, string] => [complete(r) ? 0 : 1, -(r.abstract ?? "").length, SOURCE_KINDS.indexOf(r.kind), r.key];
  return [...records].sort((a, b) => compareTuples(rank(a), rank(b)))[0]!;
}

/**
 * The paper's listing date: the earliest full date (YYYY-MM-DD) any source gives; without one, the
 * earliest page label ("Mar 17"); without one, the earliest year.
 */
export function listingDateOf(records: readonly SourceRecord[]): string | null {
  const dates = records.map((r) => r.listingDate).filter((d): d is string => !!d);
  const tier = (d: string) => (/^\d{4}-\d{2}-\d{2}/.test(d) ? 0 : dateKey(d) ? 1 : 2);
  return dates.sort((a, b) => tier(a) - tier(b) || cmp(dateKey(a) ?? a, dateKey(b) ?? b) || cmp(a, b))[0] ?? null;
}

/** Venue and identifiers: the first source in kind order that gives one (each source is most exact about its own). */
export function venueOf(records: readonly SourceRecord[]): string | null {
  return byKind(records).find((r) => r.venue)?.venue ?? null;
}

export function idsOf(records: readonly SourceRecord[]): PaperIds {
  const out: { -readonly [K in keyof PaperIds]: string } = {};
  for (const k of ID_KINDS) {
    const v = byKind(records).find((r) => r.ids[k])?.ids[k];
    if (v) out[k] = v;
  }
  return out;
}

export interface Attributed<T> {
  readonly value: T;
  /** Keys of the sources that say so, sorted. */
  readonly sources: string[];
}

/** Authors of every source, one per name key, in the order of the first source (by kind) that lists them. */
export function authorsOf(records: readonly SourceRecord[]): (Attributed<string> & { key: string; position: number })[] {
  const out = new Map<string, Attributed<string> & { key: string; position: number }>();
  let position = 0;
  for (const r of byKind(records)) {
    for (const name of r.authors) {
      const key = nameKey(name);
      if (!key) continue;
      const seen = out.get(key);
      if (seen) addSource(seen.sources, r.key);
      else out.set(key, { value: name, key, position: position++, sources: [r.key] });
    }
  }
  return [...out.values()];
}

export function categoriesOf(records: readonly SourceRecord[]): Attributed<string>[] {
  return union(records, (r) => r.categories.map((c) => [c, c]));
}

/** References of every source, one per cited paper key. */
export function referencesOf(records: readonly SourceRecord[]): Attributed<PaperRef>[] {
  return union(records, (r) => r.references.map((ref) => [ref.id, ref]));
}

/**
 * Records as stored: sorted by key, the shown source's abstract left out (the paper holds it), and
 * without the file and line they were read from, so the graph does not depend on which file (or
 * which of several overlapping shards) delivered a source: the paper's sourceFile and sourceLine say that.
 */
export function encodeRecords(records: readonly SourceRecord[], shown: string): string[] {
  return [...records].sort((a, b) => cmp(a.key, b.key)).map((r) => {
    const { file: _file, line: _line, ...said } = r;
    return JSON.stringify(r.key === shown ? { ...said, abstract: null } : said);
  });
}

/** Stored records back, the shown source's abstract restored from the paper's, file and line the paper's. */
export function decodeRecords(stored: readonly string[] | null | undefined, paperAbstract: string | null, at: { file: string; line: number }): SourceRecord[] {
  return (stored ?? []).map((s) => {
    const r = { ...(JSON.parse(s) as Omit<SourceRecord, "file" | "line">), file: at.file, line: at.line };
    return r.abstract === null ? { ...r, abstract: paperAbstract } : r;
  });
}

/** The hash of the text extraction reads from a record. */
export function recordTextHash(r: SourceRecord): string {
  return textHash(r.title, r.abstract ?? "");
}

function union<T>(records: readonly SourceRecord[], items: (r: SourceRecord) => [string, T][]): Attributed<T>[] {
  const out = new Map<string, Attributed<T>>();
  for (const r of byKind(records)) {
    for (const [key, value] of items(r)) {
      const seen = out.get(key);
      if (seen) addSource(seen.sources, r.key);
      else out.set(key, { value, sources: [r.key] });
    }
  }
  return [...out.values()];
}

function addSource(sources: string[], key: string): void {
  if (!sources.includes(key)) {
    sources.push(key);
    sources.sort(cmp);
  }
}

function byKind(records: readonly SourceRecord[]): SourceRecord[] {
  return [...records].sort((a, b) => SOURCE_KINDS.indexOf(a.kind) - SOURCE_KINDS.indexOf(b.kind) || cmp(a.key, b.key));
}

function compareTuples(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
