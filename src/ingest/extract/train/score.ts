// The scorer of shared/eval/score.mjs, for cross-validation in process: a predicted name matches a
// gold mention when their keys are equal; several names matching one mention count once.
import { FACT_KINDS, type ContractRecord, type FactKind } from "../../../domain";
import { mentionKey } from "../candidates";
import type { Example } from "./data";

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Score {
  readonly papers: number;
  readonly fields: { readonly [K in FactKind]: Counts };
  readonly overall: Counts;
}

export function scorePapers(items: ReadonlyArray<{ example: Example; record: ContractRecord }>): Score {
  const fields = Object.fromEntries(FACT_KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<FactKind, Counts>;
  for (const { example, record } of items) {
    for (const kind of FACT_KINDS) {
      const mentions = example.gold[kind].map((m) => new Set(m.map(mentionKey)));
      const matched = new Set<number>();
      const seen = new Set<string>();
      for (const name of record[kind]) {
        const k = mentionKey(name);
        if (!k || seen.has(k)) continue;
        seen.add(k);
        const i = mentions.findIndex((alts) => alts.has(k));
        if (i >= 0) matched.add(i);
        else fields[kind].fp++;
      }
      fields[kind].tp += matched.size;
      fields[kind].fn += mentions.length - matched.size;
    }
  }
  const overall = FACT_KINDS.reduce((a, k) => ({ tp: a.tp + fields[k].tp, fp: a.fp + fields[k].fp, fn: a.fn + fields[k].fn }), { tp: 0, fp: 0, fn: 0 });
  return { papers: items.length, fields, overall };
}

export function prf(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** The lines of shared/eval/score.mjs: one per field, then overall. */
export function formatScore(s: Score): string[] {
  return [...FACT_KINDS.map((k) => [k, s.fields[k]] as const), ["overall", s.overall] as const].map(([name, c]) => {
    const { precision, recall, f1 } = prf(c);
    return `${name.padEnd(12)} P ${precision.toFixed(3)}  R ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}  (tp ${c.tp} fp ${c.fp} fn ${c.fn})`;
  });
}
