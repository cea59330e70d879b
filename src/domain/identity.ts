// Paper identity across sources: identifiers normalised so the same paper read from arXiv, Semantic
// Scholar, OpenAlex and a trending page meets itself. Plain functions, no I/O.
import { createHash } from "node:crypto";
import type { Origin, Paper, PaperIds } from "./paper";

/** "arXiv:2307.08691v2", "https://arxiv.org/abs/2307.08691" -> "2307.08691"; old-style ids keep their archive ("hep-th/9901001"). */
export function normaliseArxivId(v: string | undefined | null): string | undefined {
  if (!v) return undefined;
  const m = /(?:arxiv[:./]|abs\/|pdf\/|^)\s*((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[a-z]{2})?\/\d{7}))(?:v\d+)?\s*(?:\.pdf)?\s*$/i.exec(v.trim());
  return m ? m[1]!.toLowerCase() : undefined;
}

/** "https://doi.org/10.48550/arXiv.2306.00978" -> "10.48550/arxiv.2306.00978" (DOIs are case-insensitive). */
export function normaliseDoi(v: string | undefined | null): string | undefined {
  if (!v) return undefined;
  const m = /(10\.\d{4,9}\/\S+)\s*$/.exec(v.trim());
  return m ? m[1]!.toLowerCase() : undefined;
}

/** arXiv's own DOIs (10.48550/arXiv.ID) name an arXiv id too. */
export function arxivIdOfDoi(doi: string | undefined): string | undefined {
  const m = doi ? /^10\.48550\/arxiv\.(.+)$/.exec(doi) : null;
  return m ? normaliseArxivId(m[1]) : undefined;
}

/** A paper's identifiers with the arXiv id a DOI implies filled in; undefined ones dropped. */
export function paperIds(ids: PaperIds): PaperIds {
  const doi = normaliseDoi(ids.doi);
  const arxiv = normaliseArxivId(ids.arxiv) ?? arxivIdOfDoi(doi);
  const out: { -readonly [K in keyof PaperIds]: string } = {};
  if (arxiv) out.arxiv = arxiv;
  if (doi) out.doi = doi;
  if (ids.s2) out.s2 = ids.s2.trim().toLowerCase();
  if (ids.openalex) out.openalex = ids.openalex.trim().toUpperCase();
  return out;
}

/** The identifier kinds, in the order a stub id is derived from them. */
export const ID_KINDS = ["arxiv", "doi", "s2", "openalex"] as const satisfies readonly (keyof PaperIds)[];

/** Key of a paper known only by upstream ids (a reference without a title): "x_" + hash of its first id. */
export function stubIdOf(ids: PaperIds): string | null {
  for (const k of ID_KINDS) {
    const v = ids[k];
    if (v) return "x_" + createHash("sha256").update(`${k}:${v}`).digest("hex").slice(0, 16);
  }
  return null;
}

/**
 * Whether an id names a paper rather than an entity ("kind:key"): "p_" for a paper keyed by its title,
 * "x_" for a stub known only by upstream ids (stubIdOf). Both are Paper.id and GraphNode.id values.
 */
export function isPaperId(id: string): boolean {
  return id.startsWith("p_") || id.startsWith("x_");
}

/** Which source a record is: its origin, or for a paper made by hand the page named by its file. */
export function originOf(paper: Pick<Paper, "origin" | "source">): Origin {
  return paper.origin ?? { kind: "page", id: paper.source.file };
}

/** A file name without its folders: "/in/a/2024-03-01.txt" -> "2024-03-01.txt". */
export function pageName(file: string): string {
  const i = Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\"));
  return i >= 0 ? file.slice(i + 1) : file;
}

/**
 * Whether a stored page source is `fresh`'s as an older techtree named it: pages were once named by
 * their file's base name alone ("page:2024-03-01.txt"), so two files of that name in different
 * folders were one source. Such a key is taken to be the page's that is read again under the full
 * name (src/ingest/write/papers.ts), so graphs written before need no migration.
 */
export function isLegacyPageKey(stored: Origin, fresh: Origin): boolean {
  return stored.kind === "page" && fresh.kind === "page" && stored.id !== fresh.id && pageName(fresh.id) === stored.id && pageName(stored.id) === stored.id;
}

export function sourceKey(o: Origin): string {
  return `${o.kind}:${o.id}`;
}
