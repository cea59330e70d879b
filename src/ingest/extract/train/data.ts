// The annotated papers training and cross-validation read: the seed page with seed-gold.json and
// shared/gold/train (papers.txt + gold.json), paired by title. Read from ../shared at run time;
// no abstract is copied into the project.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { FACT_KINDS, titleKey, type FactKind, type Paper } from "../../../domain";
import { parseSeedPage } from "../../parse/seed-page";
import { forEachSpan, mentionKey, tokenize } from "../candidates";
import { originKey } from "../features";

/** A gold mention: alternative spellings of one name. */
export type GoldMention = readonly string[];

export interface Example {
  readonly source: "seed" | "train";
  readonly paper: Paper;
  readonly gold: { readonly [K in FactKind]: readonly GoldMention[] };
  /** Every key of every alternative, per kind: the labels. */
  readonly keys: { readonly [K in FactKind]: ReadonlySet<string> };
}

export interface GoldPaths {
  readonly goldDir: string;
  readonly seedPage: string;
}

/** ../shared/gold beside the project, or TECHTREE_GOLD_DIR. */
export function defaultPaths(root = process.cwd()): GoldPaths {
  return {
    goldDir: process.env.TECHTREE_GOLD_DIR ?? resolve(root, "../shared/gold"),
    seedPage: resolve(root, "seeds/000_db28a67034f59696.txt"),
  };
}

/** ../shared/data/pwc-methods.json beside the gold directory, when present. */
export function pwcPath(paths: GoldPaths): string {
  return resolve(paths.goldDir, "../data/pwc-methods.json");
}

type GoldRecord = { readonly title: string } & { readonly [K in FactKind]?: ReadonlyArray<string | readonly string[]> };

function examplesOf(source: Example["source"], pageFile: string, goldFile: string): Example[] {
  for (const f of [pageFile, goldFile]) if (!existsSync(f)) throw new Error(`training data not found: ${f} (set TECHTREE_GOLD_DIR to the gold directory)`);
  const papers = new Map(parseSeedPage(readFileSync(pageFile, "utf8"), pageFile).papers.map((p) => [titleKey(p.title), p]));
  const gold = JSON.parse(readFileSync(goldFile, "utf8")) as GoldRecord[];
  return gold.map((g) => {
    const paper = papers.get(titleKey(g.title));
    if (!paper) throw new Error(`${goldFile}: no paper titled "${g.title}" in ${pageFile}`);
    const mentions = Object.fromEntries(FACT_KINDS.map((k) => [k, (g[k] ?? []).map((m) => (typeof m === "string" ? [m] : [...m]))])) as Record<FactKind, string[][]>;
    const keys = Object.fromEntries(FACT_KINDS.map((k) => [k, new Set(mentions[k].flat().map(mentionKey).filter(Boolean))])) as Record<FactKind, Set<string>>;
    return { source, paper, gold: mentions, keys };
  });
}

/** Seed papers first, then the train set, each in its gold file's order. */
export function loadExamples(paths: GoldPaths = defaultPaths()): Example[] {
  return [
    ...examplesOf("seed", paths.seedPage, join(paths.goldDir, "seed-gold.json")),
    ...examplesOf("train", join(paths.goldDir, "train/papers.txt"), join(paths.goldDir, "train/gold.json")),
  ];
}

/** What the Papers with Code methods list gives the model: its method names, and the phrases of its descriptions. */
export interface Reference {
  /** Keys of method names and full names. */
  readonly pwc: readonly string[];
  /** Key -> occurrences, for every phrase of 1..4 words (candidates.MAX_SPAN) its descriptions use twice or more. */
  readonly terms: Readonly<Record<string, number>>;
  /** originKey of a method's introducing paper title -> the keys of the methods it introduced. */
  readonly origins: Readonly<Record<string, readonly string[]>>;
}

/** ../shared/data/pwc-methods.json read into a Reference; an empty one when the file is absent. */
export function loadReference(file: string): Reference {
  if (!existsSync(file)) return { pwc: [], terms: {}, origins: {} };
  const methods = JSON.parse(readFileSync(file, "utf8")) as Array<{ name?: string; full_name?: string; description?: string; paper?: { title?: string } | null }>;
  const keys = new Set<string>();
  const origins = new Map<string, Set<string>>();
  for (const m of methods) {
    for (const n of [m.name, m.full_name]) {
      const k = n ? mentionKey(n) : "";
      if (!k) continue;
      keys.add(k);
      const title = m.paper?.title ? originKey(m.paper.title) : "";
      if (title) origins.set(title, (origins.get(title) ?? new Set()).add(k));
    }
  }
  const counts = new Map<string, number>();
  for (const m of methods) {
    const text = (m.description ?? "").replace(/\*\*/g, "");
    for (const phrase of phrases(text)) counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
  }
  const terms = [...counts].filter(([, n]) => n >= 2).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const byTitle = [...origins].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([t, ks]) => [t, [...ks].sort()] as const);
  return { pwc: [...keys].sort(), terms: Object.fromEntries(terms), origins: Object.fromEntries(byTitle) };
}

/** Keys of the runs of words a candidate could be (candidates.forEachSpan), in a free text. */
function phrases(text: string): string[] {
  const toks = tokenize(text);
  const out: string[] = [];
  forEachSpan(toks, (i, j) => {
    const key = mentionKey(text.slice(toks[i]!.start, toks[j - 1]!.end));
    if (key) out.push(key);
  });
  return out;
}
