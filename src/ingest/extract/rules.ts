// Every rule that can produce a fact, with its precision on the development gold set
// (shared/gold/seed-gold.json). Regenerate the numbers with
//   npm run build && node dist/src/ingest/extract/rule-precision.js seeds/000_db28a67034f59696.txt ../shared/gold/seed-gold.json
// A rule missing from the table gets DEFAULT_CONFIDENCE.

export const RULE_CONFIDENCE: Readonly<Record<string, number>> = Object.freeze({
  "builds:based-on": 0.67, // 6/9
  "builds:based-on:generic": 0.55, // 6/11
  "builds:based-on:model": 1.00, // 1/1
  "builds:extends": 0.75, // 9/12
  "builds:extends:generic": 0.50, // 5/10
  "builds:fine-tunes": 0.88, // 7/8
  "builds:mention": 0.67, // 44/66
  "builds:mention-own": 0.73, // 61/84
  "builds:uses": 0.65, // 39/60
  "builds:uses:generic": 0.53, // 21/40
  "compare:compared": 0.38, // 12/32
  "compare:matches": 0.50, // 5/10
  "compare:outperforms": 0.56, // 14/25
  "compare:over": 0.70, // 7/10
  "compare:than": 0.63, // 17/27
  "compare:unlike": 0.33, // 2/6
  "compare:vs": 1.00, // 1/1
  "datasets:vocabulary": 0.97, // 72/74
  "hardware:vocabulary": 0.96, // 75/78
  "introduces:acronym": 1.00, // 13/13
  "introduces:apposition": 0.67, // 2/3
  "introduces:called": 0.83, // 10/12
  "introduces:phrase": 0.86, // 6/7
  "introduces:title-colon": 0.94, // 60/64
  "introduces:variant": 1.00, // 6/6
  "introduces:we-propose": 0.74, // 20/27
  "models:shape": 1.00, // 1/1
  "models:vocabulary": 0.97, // 106/109
});

export const DEFAULT_CONFIDENCE = 0.5;

export function confidenceOf(rule: string): number {
  return RULE_CONFIDENCE[rule] ?? DEFAULT_CONFIDENCE;
}
