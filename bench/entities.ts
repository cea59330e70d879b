// Entity resolution figures without a database: how many spellings collapse into one entity (by
// name key and extraction's aliases) and how many VARIANT_OF edges the entities give
// (src/derived/variants.ts). `npm run bench:entities -- FILE` for a file (the seed page by
// default), `npm run bench:entities -- --synthetic N` for N papers of the bench corpus.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseText } from "../src/ingest/parse";
import { extractFacts } from "../src/ingest/extract";
import { toRows } from "../src/ingest/write/rows";
import { variantPairs } from "../src/derived/variants";
import { syntheticPapers } from "./corpus";
import type { Paper } from "../src/domain";
import { paperId } from "../src/domain";

function papersOf(args: string[]): { label: string; papers: readonly Paper[] } {
  const i = args.indexOf("--synthetic");
  if (i >= 0) {
    const n = Number(args[i + 1] ?? "10000");
    const papers = [...syntheticPapers(n)].map((p, line) => ({
      id: paperId(p.title), title: p.title, abstract: p.abstract, listingDate: p.update_date, source: { file: "synthetic", line: line + 1 },
    }));
    return { label: `${n} synthetic papers`, papers };
  }
  const file = args[0] ?? path.join(__dirname, "..", "..", "seeds", "000_db28a67034f59696.txt");
  return { label: path.basename(file), papers: parseText(fs.readFileSync(file, "utf8"), file, "seed").papers };
}

const { label, papers } = papersOf(process.argv.slice(2));
const started = Date.now();
const rows = toRows(papers.map((p) => ({ facts: extractFacts(p) })));
const pairs = variantPairs(rows.entities);
const mentions = new Set<string>();
for (const list of Object.values(rows.paperEdges)) for (const e of list) if (typeof e.props.mention === "string") mentions.add(`${e.entity}|${e.props.mention}`);
const spellings = new Map<string, number>();
for (const m of mentions) spellings.set(m.slice(0, m.indexOf("|")), (spellings.get(m.slice(0, m.indexOf("|"))) ?? 0) + 1);
const merged = [...spellings.values()].filter((n) => n > 1);
console.log(`${label}: ${rows.entities.length} entities; ${merged.length} of them were written ${merged.reduce((a, n) => a + n, 0)} ways in the text (one entity per name key and alias)`);
console.log(`VARIANT_OF edges: ${pairs.length}${pairs.length ? ` (e.g. ${pairs.slice(0, 5).map((p) => `${p.variant} -> ${p.base}`).join(", ")})` : ""}`);
console.log(`${((Date.now() - started) / 1000).toFixed(1)} s (load ${fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")})`);
