// "Did you mean": fuzzy full-text candidates ranked by edit distance on the normalised name key.
import { nameKey, type EntityKind } from "../domain";
import { escapeTerm } from "./lucene";
import type { EntityRecord } from "./model";

export const MAX_SUGGESTIONS = 5;

/** Lucene fuzzy query: every term escaped and marked ~ (up to two edits), short terms exact. */
export function fuzzyQuery(text: string): string | null {
  const terms = text.slice(0, 200).split(/[\s\-_/]+/).map((t) => t.trim()).filter((t) => /[\p{L}\p{N}]/u.test(t)).slice(0, 8);
  if (terms.length === 0) return null;
  // The whole name as one key too: "flash atention" should find the single token "flashattention".
  const key = nameKey(text.slice(0, 200));
  if (terms.length > 1 && key.length >= 3) terms.push(key);
  return terms.map((t) => (t.length >= 3 ? `${escapeTerm(t)}~` : escapeTerm(t))).join(" ");
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

export interface Candidate {
  readonly entity: EntityRecord & { aliasKeys?: string[] | null };
  readonly score: number;
}

/** Up to MAX_SUGGESTIONS names, closest first; the asked-for kind wins ties. */
export function rankSuggestions(input: string, kind: EntityKind | null, candidates: readonly Candidate[]): { name: string; kind: EntityKind }[] {
  const key = nameKey(input);
  const seen = new Set<string>();
  return candidates
    .map((c) => {
      const keys = [c.entity.key, ...(c.entity.aliasKeys ?? [])];
      const distance = Math.min(...keys.map((k) => levenshtein(key, k)));
      return { c, distance };
    })
    .filter(({ c }) => !seen.has(c.entity.id) && !!seen.add(c.entity.id))
    .sort((x, y) => x.distance - y.distance || Number(y.c.entity.kind === kind) - Number(x.c.entity.kind === kind) || y.c.score - x.c.score)
    .slice(0, MAX_SUGGESTIONS)
    .map(({ c }) => ({ name: c.entity.name, kind: c.entity.kind }));
}

/** An author the full-text index offered for an unknown byline name. */
export interface AuthorCandidate {
  readonly name: string;
  readonly papers: number;
  readonly score: number;
}

/**
 * Up to MAX_SUGGESTIONS author names: those whose key holds the asked-for key first (a surname
 * alone, "dao", asks for "Tri Dao"), then by edit distance on the key, then by papers.
 */
export function rankAuthorSuggestions(input: string, candidates: readonly AuthorCandidate[]): string[] {
  const key = nameKey(input);
  const seen = new Set<string>();
  return candidates
    .map((c) => ({ c, key: nameKey(c.name) }))
    .filter(({ key }) => !seen.has(key) && !!seen.add(key))
    .map(({ c, key: k }) => ({ c, holds: key.length >= 3 && k.includes(key), distance: levenshtein(key, k) }))
    .sort((x, y) => Number(y.holds) - Number(x.holds) || x.distance - y.distance || y.c.papers - x.c.papers || y.c.score - x.c.score)
    .slice(0, MAX_SUGGESTIONS)
    .map(({ c }) => c.name);
}
