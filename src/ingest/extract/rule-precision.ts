// Development tool, not part of extraction: measures how often each rule is right on a gold
// file, to fill the confidence table in rules.ts. Run after `npm run build`:
//   node dist/src/ingest/extract/rule-precision.js seeds/000_db28a67034f59696.txt ../shared/gold/seed-gold.json
import { readFileSync } from "node:fs";
import { titleKey } from "../../domain";
import { parseSeedPage } from "../parse/seed-page";
import { extractFacts } from "./index";

/** Same normalisation as shared/eval/score.mjs key(). */
const GENERIC = /\s+(model|models|method|methods|framework|frameworks|system|systems|technique|techniques|algorithm|algorithms|approach|benchmark|benchmarks|dataset|datasets|architecture|mechanism)$/;
export function goldKey(s: string): string {
  let t = s.toLowerCase().trim();
  for (let i = 0; i < 2; i++) t = t.replace(GENERIC, "");
  t = t.replace(/[^\p{L}\p{N}]+/gu, "");
  return t.endsWith("s") && t.length > 3 ? t.slice(0, -1) : t;
}

type GoldPaper = { title: string } & Record<string, Array<string | string[]>>;

export function rulePrecision(seedFile: string, goldFile: string): Map<string, { right: number; total: number }> {
  const gold = JSON.parse(readFileSync(goldFile, "utf8")) as GoldPaper[];
  const byTitle = new Map(gold.map((g) => [titleKey(g.title), g]));
  const { papers } = parseSeedPage(readFileSync(seedFile, "utf8"), seedFile);
  const stats = new Map<string, { right: number; total: number }>();
  for (const p of papers) {
    const g = byTitle.get(titleKey(p.title));
    if (!g) continue;
    for (const f of extractFacts(p).facts) {
      const keys = new Set((g[f.kind] ?? []).flatMap((m) => (Array.isArray(m) ? m : [m])).map(goldKey));
      const forms = [f.mention ?? f.entity.name, f.entity.name, ...f.entity.aliases];
      const s = stats.get(f.evidence.rule) ?? { right: 0, total: 0 };
      s.total++;
      if (forms.some((x) => keys.has(goldKey(x)))) s.right++;
      stats.set(f.evidence.rule, s);
    }
  }
  return stats;
}

if (require.main === module) {
  const [seed, goldPath] = process.argv.slice(2);
  const stats = rulePrecision(seed ?? "seeds/000_db28a67034f59696.txt", goldPath ?? "../shared/gold/seed-gold.json");
  for (const [rule, s] of [...stats].sort((a, b) => a[0].localeCompare(b[0]))) {
    console.log(`  "${rule}": ${(s.right / s.total).toFixed(2)}, // ${s.right}/${s.total}`);
  }
}
