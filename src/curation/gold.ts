// Corrections as training data: every paper people corrected, with the facts the graph now holds
// for it (rejected ones gone, added ones in), in the gold format of ../shared/gold (README there):
// one object per paper, each fact kind a list of mentions, each mention the alternative spellings of
// one thing. `techtree export --curations` writes them; the scorer (eval/score.mjs) reads them.
import { FACT_KINDS, nameKey, type ContractRecord, type FactKind } from "../domain";
import { run, type Db } from "../graph/db";

interface FactRow { fact: string; mention: string | null; name: string; aliases: string[] | null; claim: string | null }
interface PaperRow {
  id: string; title: string; abstract: string;
  curations: { id: string; action: string; factId: string | null; who: string; at: string; reason: string | null }[];
  facts: FactRow[];
}

export type GoldRecord = { n: number; id: string; title: string } & { [K in FactKind]: string[][] } & {
  metrics: string[];
  curations: PaperRow["curations"];
};

export async function curatedGold(db: Db): Promise<GoldRecord[]> {
  const rows = await db.readTx((tx) => run<PaperRow>(tx, "read/curated-facts"));
  return rows.map((row, i) => goldRecord(row, i + 1));
}

/**
 * One paper as a gold record. A mention's alternatives are the words the paper used (the fact's
 * mention), the entity's name, and its aliases that the text contains, one per key.
 */
export function goldRecord(row: PaperRow, n: number): GoldRecord {
  const text = `${row.title}\n${row.abstract}`.toLowerCase();
  const lists = Object.fromEntries(FACT_KINDS.map((k) => [k, new Map<string, string[]>()])) as { [K in FactKind]: Map<string, string[]> };
  const metrics: string[] = [];
  for (const f of row.facts) {
    if (!(FACT_KINDS as readonly string[]).includes(f.fact)) continue;
    const alts: string[] = [];
    const keys = new Set<string>();
    for (const a of [f.mention, f.name, ...(f.aliases ?? []).filter((x) => text.includes(x.toLowerCase()))]) {
      if (!a || keys.has(nameKey(a))) continue;
      keys.add(nameKey(a));
      alts.push(a);
    }
    const list = lists[f.fact as FactKind];
    const key = nameKey(f.name);
    if (!list.has(key)) list.set(key, alts);
    if (f.claim && !metrics.includes(f.claim)) metrics.push(f.claim);
  }
  const out = { n, id: row.id, title: row.title } as GoldRecord;
  for (const k of FACT_KINDS) out[k] = [...lists[k].values()].sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  out.metrics = metrics.sort();
  out.curations = row.curations;
  return out;
}

/** The contract record (`techtree extract --json` shape) a gold record's first spellings make. */
export function asPrediction(g: GoldRecord): ContractRecord {
  return { title: g.title, ...Object.fromEntries(FACT_KINDS.map((k) => [k, g[k].map((alts) => alts[0]!)])) } as ContractRecord;
}
