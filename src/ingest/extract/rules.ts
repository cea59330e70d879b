// Every rule that can produce a fact, with its precision on the development gold set
// (shared/gold/seed-gold.json). Regenerate the numbers with
//   npm run build && node dist/src/ingest/extract/rule-precision.js seeds/000_db28a67034f59696.txt ../shared/gold/seed-gold.json
// A rule missing from the table gets DEFAULT_CONFIDENCE.

export const RULE_CONFIDENCE: Readonly<Record<string, number>> = Object.freeze({
  "builds:based-on": 0.71, // 5/7
  "builds:based-on:generic": 0.55, // 6/11
  "builds:based-on:model": 1.00, // 1/1
  "builds:extends": 0.80, // 8/10
  "builds:extends:generic": 0.50, // 5/10
  "builds:fine-tunes": 0.88, // 7/8
  "builds:mention": 0.69, // 41/59
  "builds:mention-own": 0.76, // 65/86
  "builds:uses": 0.78, // 40/51
  "builds:uses:generic": 0.51, // 20/39
  "compare:compared": 0.71, // 12/17
  "compare:compared:phrase": 0.75, // 15/20
  "compare:criticised": 1.00, // 8/8
  "compare:improves": 1.00, // 2/2
  "compare:matches": 1.00, // 4/4
  "compare:matches:phrase": 0.50, // 2/4
  "compare:outperforms": 0.71, // 12/17
  "compare:outperforms:phrase": 0.55, // 6/11
  "compare:over": 1.00, // 5/5
  "compare:over:phrase": 0.67, // 2/3
  "compare:prior": 0.75, // 3/4
  "compare:prior:phrase": 1.00, // 6/6
  "compare:than": 0.76, // 13/17
  "compare:than:phrase": 0.70, // 7/10
  "compare:unlike": 0.50, // 1/2
  "compare:unlike:phrase": 0.67, // 4/6
  "compare:vs": 1.00, // 1/1
  "datasets:vocabulary": 0.97, // 72/74
  "hardware:vocabulary": 0.99, // 75/76
  "introduces:acronym": 1.00, // 13/13
  "introduces:acronym-own": 1.00, // 4/4
  "introduces:apposition": 0.91, // 10/11
  "introduces:called": 1.00, // 11/11
  "introduces:component": 1.00, // 7/7
  "introduces:namely": 1.00, // 3/3
  "introduces:novel": 1.00, // 3/3
  "introduces:passive": 1.00, // 1/1
  "introduces:phrase": 1.00, // 11/11
  "introduces:proposed": 1.00, // 2/2
  "introduces:title-colon": 0.98, // 61/62
  "introduces:title-tail": 1.00, // 1/1
  "introduces:variant": 1.00, // 7/7
  "introduces:we-propose": 1.00, // 20/20
  "models:shape": 1.00, // 1/1
  "models:vocabulary": 0.98, // 107/109
});

export const DEFAULT_CONFIDENCE = 0.5;

export function confidenceOf(rule: string): number {
  return RULE_CONFIDENCE[rule] ?? DEFAULT_CONFIDENCE;
}
