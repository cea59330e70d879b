// Every rule that can produce a fact, with its precision on the development gold set
// (shared/gold/seed-gold.json). Regenerate the numbers with
//   npm run build && node scripts/rule-precision.js   (see docs/extraction.md)
// A rule missing from the table gets DEFAULT_CONFIDENCE.

export const RULE_CONFIDENCE: Readonly<Record<string, number>> = Object.freeze({
  // filled from scripts/rule-precision output
});

export const DEFAULT_CONFIDENCE = 0.5;

export function confidenceOf(rule: string): number {
  return RULE_CONFIDENCE[rule] ?? DEFAULT_CONFIDENCE;
}
