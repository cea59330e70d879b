// The quantitative phrase of a comparison sentence, parsed as far as the text allows:
// "2.3x higher effective throughput" -> value 2.3, unit "x", direction higher, metric "effective throughput".
import type { Claim } from "../../domain";

const NUM = String.raw`(\d+(?:\.\d+)?)\s*(x|×|times|%|percent|ms|s|GB|MB|points?|pp)`;
const CLAIM = new RegExp(
  String.raw`(?:up to |by |about |over |nearly |roughly |around |approximately )?` +
    NUM +
    String.raw`(?:\s+(?:higher|lower|faster|slower|better|less|more|fewer|smaller|larger|greater|reduction|speedup|speed-up|improvement|increase|decrease|gain|end-to-end|relative)\b)*` +
    String.raw`(?:\s+(?:in\s+|of\s+|on\s+)?(?:the\s+)?[a-z][a-z\-]+(?:\s+[a-z][a-z\-]+){0,2})?`,
  "i",
);

const UP = /\b(higher|faster|better|more|greater|larger|speedup|speed-up|improv\w*|increase|gain|boost|accelerat\w*|outperform\w*)\b/i;
const DOWN = /\b(lower|less|fewer|smaller|reduc\w*|decrease|cut|sav\w*|slower)\b/i;
const METRIC = /\b(throughput|latency|speed|speedup|accuracy|memory|perplexity|recall|precision|F1|BLEU|cost|energy|wall-clock|goodput|compression|quality|win rate|MRR|nDCG|tokens\/s|FLOPs|parameters|time|size|bandwidth|utilization|efficiency|performance)\b/i;

export function parseClaim(sentence: string): Claim | undefined {
  const m = CLAIM.exec(sentence);
  if (!m) return undefined;
  const text = m[0].trim().replace(/\s+(?:and|or|with|while|than|over|compared|on|in|for)$/i, "");
  const value = Number(m[1]);
  const unitRaw = m[2]!.toLowerCase();
  const unit = unitRaw === "×" || unitRaw === "times" ? "x" : unitRaw === "percent" ? "%" : unitRaw;
  const window = sentence.slice(Math.max(0, m.index - 40), m.index + m[0].length + 30);
  const direction = DOWN.test(text) ? "lower" : UP.test(text) ? "higher" : UP.test(window) ? "higher" : DOWN.test(window) ? "lower" : undefined;
  const metric = METRIC.exec(text)?.[0] ?? METRIC.exec(window)?.[0];
  return {
    text,
    value,
    unit,
    ...(direction ? { direction } : {}),
    ...(metric ? { metric: metric.toLowerCase() } : {}),
  } as Claim;
}
