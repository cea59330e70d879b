// Which paper node each record of a batch is, and what that paper looks like with the record's
// source added: the identity and provenance step of the write stage. Pure: it sees the batch and the
// papers the graph already holds that share an identifier or title key with it (write/find-papers).
//
// Identity: a record is the paper it shares any identifier with (arXiv id, DOI, S2 id, OpenAlex id)
// or whose id it has (the hash of its title key); stubs (papers known only from references) match the
// same way. A record matching several nodes joins them: the node that stays is the real paper with
// the least id (a stub never wins over a real paper), the others are absorbed. A new paper's id is
// its own title's, so sources that agree on the title give the same id whatever the order.
import { isLegacyPageKey, listingDay, type Facts, type Paper, type PaperIds } from "../../domain";
import {
  authorsOf, bestSource, categoriesOf, decodeRecords, encodeRecords, idsOf, listingDateOf, recordOf, recordTextHash,
  referencesOf, venueOf, type SourceRecord,
} from "./sources";

/** A paper node as write/find-papers returns it. */
export interface StoredPaper {
  readonly id: string;
  readonly stub: boolean;
  readonly abstract: string | null;
  readonly textHash: string | null;
  readonly extractorVersion: string | null;
  readonly sourceRecords: readonly string[] | null;
  readonly sourceFile?: string | null;
  readonly sourceLine?: number | null;
  readonly derivedPending: boolean;
}

/** The identifiers a record is looked up by; `index` is its position in the batch. */
export interface IdentityRow {
  index: number; id: string; arxiv: string | null; doi: string | null; s2: string | null; openalex: string | null;
}

export function identityRow(index: number, p: Paper): IdentityRow {
  const ids: PaperIds = p.ids ?? {};
  return { index, id: p.id, arxiv: ids.arxiv ?? null, doi: ids.doi ?? null, s2: ids.s2 ?? null, openalex: ids.openalex ?? null };
}

/** One paper of the batch after identity and provenance. */
export interface PlannedPaper {
  /** The node the paper is written to. */
  readonly id: string;
  /** Every source of the paper, this batch's included, by key. */
  readonly records: readonly SourceRecord[];
  /** The source whose title and abstract the paper shows and extraction reads (bestSource). */
  readonly best: SourceRecord;
  /** Facts to write (from the best source's text), or null to keep the facts the graph holds. */
  readonly facts: Facts | null;
  /** The best text is a stored source's and the facts the graph holds are not from it (or from an older extractor): extract it again. */
  readonly reextract: Paper | null;
  /** Other nodes that turned out to be this paper (stubs, or a paper first read under another title). */
  readonly absorbed: readonly string[];
  /** A real paper node existed before this batch (so this is an update). */
  readonly existed: boolean;
  readonly unchanged: boolean;
  /** Stored state of the node kept, if it existed. */
  readonly stored: StoredPaper | null;
  /** The records of this batch, for log lines and errors. */
  readonly items: readonly Facts[];
}

/**
 * Groups the batch's records with the stored nodes they match (and with each other, when two
 * records of the batch are one paper), then plans each group as one paper.
 */
export function planPapers(items: readonly Facts[], matches: ReadonlyMap<number, readonly StoredPaper[]>, extractorVersion: string): PlannedPaper[] {
  // Union-find over records; records meet through a stored node or a shared identifier.
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const join = (a: number, b: number) => { parent[find(a)] = find(b); };
  const byKey = new Map<string, number>();
  items.forEach((facts, i) => {
    const keys = [`id:${facts.paper.id}`, ...Object.entries(facts.paper.ids ?? {}).map(([k, v]) => `${k}:${v}`),
      ...(matches.get(i) ?? []).map((s) => `node:${s.id}`)];
    for (const k of keys) {
      const j = byKey.get(k);
      if (j === undefined) byKey.set(k, i);
      else join(i, j);
    }
  });
  const groups = new Map<number, number[]>();
  items.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  return [...groups.values()].map((members) => {
    const nodes = new Map<string, StoredPaper>();
    for (const i of members) for (const s of matches.get(i) ?? []) nodes.set(s.id, s);
    return planOne(members.map((i) => items[i]!), [...nodes.values()], extractorVersion);
  });
}

function planOne(items: readonly Facts[], nodes: readonly StoredPaper[], extractorVersion: string): PlannedPaper {
  const real = nodes.filter((n) => !n.stub).sort((a, b) => cmp(a.id, b.id));
  const id = real[0]?.id ?? items.map((f) => f.paper.id).sort(cmp)[0]!;
  const target = nodes.find((n) => n.id === id) ?? null;
  const absorbed = nodes.filter((n) => n.id !== id).map((n) => n.id).sort(cmp);

  // Every stored source of the real nodes, then this batch's records (a source read again replaces itself).
  const records = new Map<string, SourceRecord>();
  for (const n of real) for (const r of decodeRecords(n.sourceRecords, n.abstract, { file: n.sourceFile ?? "", line: n.sourceLine ?? 0 })) records.set(r.key, r);
  const fresh = new Map(items.map((f) => [recordOf(f.paper), f] as const));
  // A page stored under the name an older techtree gave it (its file's base name) is the page read
  // again: its record is replaced like any other; unchanged, the paper is left as it is, old key and all.
  const legacy = new Map<string, SourceRecord>();
  for (const r of fresh.keys()) {
    for (const old of [...records.values()]) {
      if (!isLegacyPageKey(old, r)) continue;
      records.delete(old.key);
      legacy.set(r.key, old);
    }
  }
  const sameAsStored = [...fresh.keys()].every((r) => (records.get(r.key) ?? legacy.get(r.key))?.hash === r.hash);
  for (const r of fresh.keys()) records.set(r.key, r);
  const all = [...records.values()];
  const best = bestSource(all);
  const bestHash = recordTextHash(best);
  const current = target !== null && !target.stub && target.textHash === bestHash && target.extractorVersion === extractorVersion;

  const unchanged = target !== null && !target.stub && absorbed.length === 0 && sameAsStored && current && target.sourceRecords !== null;
  const inBatch = [...fresh].find(([r]) => r.key === best.key)?.[1];
  let facts: Facts | null = null;
  let reextract: Paper | null = null;
  if (!current) {
    if (inBatch) facts = { ...inBatch, paper: { ...inBatch.paper, id } };
    else reextract = paperOf(id, best);
  }
  return { id, records: all, best, facts, reextract, absorbed, existed: real.length > 0, unchanged, stored: target, items };
}

/** The paper a stored source describes, for extracting its text again. */
function paperOf(id: string, r: SourceRecord): Paper {
  return {
    id, title: r.title, abstract: r.abstract ?? "", listingDate: r.listingDate, source: { file: r.file, line: r.line },
    origin: { kind: r.kind, id: r.id }, ids: r.ids, references: r.references, authors: r.authors, categories: r.categories,
    ...(r.venue ? { venue: r.venue } : {}),
  };
}

export interface PaperRow {
  id: string; title: string; abstract: string; listingDate: string | null;
  /** The listing date as a calendar day ("YYYY-MM-DD", year 0000 for labels), stored as a Neo4j date. */
  listedOn: string | null;
  venue: string | null;
  arxivId: string | null; doi: string | null; s2Id: string | null; openalexId: string | null;
  sources: string[]; sourceRecords: string[];
  sourceFile: string; sourceLine: number;
  /** The node's source records as the plan read them (null for a new paper): write/merge-papers checks they still are. */
  planned: readonly string[] | null;
  /** null: keep the stored value (the facts were not rewritten). */
  textHash: string | null; extractorVersion: string | null;
}
export interface CiteRow { paper: string; id: string; title: string | null; arxiv: string | null; doi: string | null; s2: string | null; openalex: string | null; sources: string[] }
export interface AuthorRow { paper: string; id: string; name: string; position: number; sources: string[] }
export interface CategoryRow { paper: string; id: string; name: string; sources: string[] }

export interface MetadataRows {
  readonly papers: PaperRow[];
  readonly cites: CiteRow[];
  readonly authors: AuthorRow[];
  readonly categories: CategoryRow[];
}

/** The node and explicit-metadata rows of the planned papers, each list sorted by the node it locks. */
export function metadataRows(planned: readonly PlannedPaper[], extractorVersion: string): MetadataRows {
  const papers: PaperRow[] = [];
  const cites: CiteRow[] = [];
  const authors: AuthorRow[] = [];
  const categories: CategoryRow[] = [];
  for (const p of planned) {
    const listingDate = listingDateOf(p.records);
    const ids = idsOf(p.records);
    papers.push({
      id: p.id, title: p.best.title, abstract: p.best.abstract ?? "", listingDate, listedOn: listingDay(listingDate), venue: venueOf(p.records),
      arxivId: ids.arxiv ?? null, doi: ids.doi ?? null, s2Id: ids.s2 ?? null, openalexId: ids.openalex ?? null,
      sources: p.records.map((r) => r.key).sort(cmp), sourceRecords: encodeRecords(p.records, p.best.key),
      sourceFile: p.best.file, sourceLine: p.best.line, planned: p.stored?.sourceRecords ?? null,
      textHash: p.facts ? recordTextHash(p.best) : null, extractorVersion: p.facts ? extractorVersion : null,
    });
    for (const { value: ref, sources } of referencesOf(p.records)) {
      if (ref.id === p.id || p.absorbed.includes(ref.id)) continue;
      const i = ref.ids ?? {};
      cites.push({ paper: p.id, id: ref.id, title: ref.title ?? null, arxiv: i.arxiv ?? null, doi: i.doi ?? null, s2: i.s2 ?? null, openalex: i.openalex ?? null, sources });
    }
    for (const a of authorsOf(p.records)) authors.push({ paper: p.id, id: `author:${a.key}`, name: a.value, position: a.position, sources: a.sources });
    for (const c of categoriesOf(p.records)) categories.push({ paper: p.id, id: c.value, name: c.value, sources: c.sources });
  }
  const byIdThenPaper = (a: { id: string; paper: string }, b: typeof a) => cmp(a.id, b.id) || cmp(a.paper, b.paper);
  return {
    papers: papers.sort((a, b) => cmp(a.id, b.id)),
    cites: cites.sort(byIdThenPaper),
    authors: authors.sort(byIdThenPaper),
    categories: categories.sort(byIdThenPaper),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
