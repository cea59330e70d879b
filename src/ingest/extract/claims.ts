// The quantitative phrase of a comparison sentence, parsed as far as the text allows:
// "2.3x higher effective throughput" -> value 2.3, unit "x", direction higher, metric "effective throughput".
// A sentence often holds several figures ("75.2% top-1 accuracy with 78ms latency, 1.8x faster than
// MobileNetV2"); the claim is the one that reads most like a comparison (said of the compared name,
// a comparative word after it, a ratio, "by" or "up to" before it), the first on a tie.
import type { Claim } from "../../domain";

/** Where the compared name stands in the sentence (character offsets). */
export interface Anchor {
  readonly start: number;
  readonly end: number;
}

// A number is whole on both sides: "4,000" is four thousand, and the digits of "Llama2", "TPU v4s",
// "INT8", "top-1" or "OpenML-CC18" are no figure. A range ("2-4x", "1.2x-14.1x", "2.2~27x",
// "13 to 25%") is one figure. The unit ends at a word boundary ("1.0 PPL" is not 1.0 pp) and a
// ratio is not a product ("Mixtral 8x7B", "16 x 3.8B").
// A decimal point that a PDF converter turned into a colon ("36:9×" for 36.9×, in USENIX abstracts)
// is read as the decimal it is where a ratio sign follows it: a clock time or a ratio ("4:1",
// "2:4 sparsity") has none.
const NUM = String.raw`\d+:\d+(?=\s*(?:x|×|\$?\\times)(?![\w]))|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
// What may not stand right before a number of its own (the "16" of "BF16", the "1" of "top-1", the
// "9" of "36:9").
const OWN_NUMBER = String.raw`(?<![\w.,\-/])(?<!\d:)`;
// LaTeX's times sign is written "2.3$\times$" or, in math opened before the number, "$2.3\times$".
const UNIT = String.raw`x|×|\$\\times\$|\\times\$?|times|\\?%|percent|pp|points?|ms|seconds?|s|GB|MB`;
const QUANTITY = new RegExp(
  String.raw`${OWN_NUMBER}(?:(${NUM})\s*(?:${UNIT})?\s*(?:-|–|~|to)\s*)?(${NUM})\s*(${UNIT})(?![\w\\])(?!\s*[×x*]?\s*\d)`,
  "gi",
);
const LEAD = /(?:\b(?:up to|by|about|over|nearly|roughly|around|approximately|almost|more than|less than|at least|an average of|on average)\s+|~\s*)+\$?$/i;
// The comparative words after a figure, also past the figures listed with it ("3.92% and 3.68%
// superior AUC", "1.37x/1.24x faster").
const COMPARATIVE = new RegExp(
  String.raw`^(?:\s*(?:,|and|or|/)\s*(?:${NUM})\s*(?:${UNIT}))*` +
    String.raw`\s+(?:(?:average|overall|relative|end-to-end|additional|absolute)\s+)?(?:higher|lower|faster|slower|better|worse|superior|inferior|less|more|fewer|smaller|larger|greater|cheaper|reductions?|speedups?|speed-ups?|acceleration|improvements?|increases?|decreases?|gains?|lift|boost|savings?)\b`,
  "i",
);
// Words of comparison or change ("outperforms", "reduces", "speeds up").
const CUE_WORDS = String.raw`outperform\w*|speed\w* up|accelerat\w*|reduc\w*|improv\w*|cut\w*|sav\w*|beat\w*|surpass\w*`;
const CUE_BEFORE = new RegExp(String.raw`\b(?:${CUE_WORDS})\s+(?:\S+\s+){0,2}\$?$`, "i");
// The compared name after the figure through a comparison word ("7.93x over PyTorch"), or before it
// through "by" or a verb of comparison ("outperforms BM25 by 44%").
const NAMED_AFTER = /\b(?:than|over|compared|against|vs|versus|relative|w\.r\.t|with respect to)\b/i;
const NAMED_BEFORE = /\b(?:by|outperform\w*|beat\w*|surpass\w*|exceed\w*)\b/i;
// Where a figure and a name stand in different clauses ("75% faster than X, surpassing Y by 37%").
const CLAUSE_BREAK = /;|,\s+(?:and|but|while|whereas|which|\w+ing)\b/i;
// A conjunction that turns to another clause without a comma ("... memory but also ran 75% faster").
const CLAUSE_TURN = /\b(?:but|while|whereas|yet)\b/gi;
// What opens a list of compared names ("compared to A and B, respectively").
const LIST_OPENER = /\b(?:than|over|compared (?:to|with)|against|versus|vs\.?|relative to|outperform\w*|beat\w*|surpass\w*)\s+(?:the\s+)?/gi;
// A digit that starts a number of its own.
const FIGURE_START = new RegExp(String.raw`${OWN_NUMBER}\d`);
// What a claim's text may run on to after its figure: its comparative words and metric, up to the
// first word that starts the next part of the sentence ("than vLLM", "while keeping accuracy").
const STOP = new Set(
  "than compared over on in for with while and or at by to the a an of against versus vs when from across per which that as without using respectively whereas but".split(" "),
);
const TAIL_WORD = /^[A-Za-z][\w@\-/]*$/;

const UP = /\b(higher|faster|better|superior|more|greater|larger|speedups?|speed-ups?|speeds? up|improv\w*|increases?|gains?|boost\w*|accelerat\w*|outperform\w*|surpass\w*|exceed\w*|beat\w*)\b/gi;
const DOWN = /\b(lower|less|fewer|smaller|cheaper|reduc\w*|decreases?|cut\w*|sav\w*|slower)\b/gi;
// What a figure measures, a whole word ("test-time" is no time). Two-word measures first: "higher
// cost efficiency" is not a higher cost.
const METRIC =
  /(?<![\w-])(energy efficiency|cost efficiency|word error rate|time-to-first-token|throughput|latency|speeds? up|speed-?ups?|speed|accuracy|memory|perplexity|recall|precision|F1|BLEU|AUC|WER|TTFT|QPS|MFU|costs?|energy|power|wall-clock|goodput|compression|quality|win rate|MRR|nDCG|tokens\/s|FLOPs|parameters|time|size|bandwidth|utilization|efficiency|performance)(?![\w-])/gi;
// A claim of speed that names no measure ("2.3x faster").
const SPEED_WORD = /\b(?:faster|slower)\b/i;

const SIZE_UNITS = new Set(["gb", "mb"]);

interface Figure {
  readonly start: number;
  /** Where the number itself starts, after "up to", "by" ... */
  readonly number: number;
  readonly end: number;
  /** Past its comparative words, if any follow it ("2.3x higher", "3.92% and 3.68% superior"). */
  readonly reach: number;
  readonly value: number;
  readonly unit: string;
  readonly score: number;
}

const ANY_QUANTITY = new RegExp(QUANTITY.source, "i");

/**
 * Whether the name at `anchor` is what its sentence compares against: a comparison word ("than",
 * "over", "compared to", "outperforms" ...) opens the stretch of its clause just before it ("2x
 * speedup compared to FlashAttention", "faster than A and B"). A name before its sentence's comparison
 * ("FlashAttention brings a 2-4x speedup compared to optimized baselines") is the one that compares.
 */
export function comparedAt(sentence: string, anchor: Anchor): boolean {
  const before = sentence.slice(Math.max(0, anchor.start - 80), anchor.start);
  const opener = [...before.matchAll(LIST_OPENER)].pop();
  if (!opener) return false;
  // Only names listed after the word may stand between it and this one ("than A, B and C").
  const between = before.slice(opener.index + opener[0].length);
  return !CLAUSE_BREAK.test(between) && between.trim().split(/\s+/).filter(Boolean).length <= 8;
}

/** Whether the sentence states a figure at all: without one, parseClaim finds no claim whatever the anchor. */
export function statesFigure(sentence: string): boolean {
  return ANY_QUANTITY.test(sentence);
}

/**
 * The claim of a comparison sentence; `anchor`, where the compared name stands, picks the figure said
 * of it. Undefined when the sentence states no figure.
 */
export function parseClaim(sentence: string, anchor?: Anchor): Claim | undefined {
  const figures = figuresOf(sentence, anchor);
  if (figures.length === 0) return undefined;
  // On a tie the first figure: a paper lists its headline result first ("up to 2.3x higher
  // throughput, 2x lower latency and up to 3.7x lower tail latency, compared to vLLM").
  const best = (anchor && respectively(sentence, figures, anchor)) || figures.reduce((a, b) => (b.score > a.score ? b : a));
  if (best.score < 0 && SIZE_UNITS.has(best.unit)) return undefined; // only a setting
  const { written, direction, measure } = readFigure(sentence, figures, best);
  const metric = measure?.metric;
  // As written, but LaTeX's "$\times$" (also in math opened before its number, "$2.3\times$") and
  // "\%" as the signs they print, and "times" glued to its number ("7.93times", what a converter
  // leaves of "7.93$\times$") as ×.
  const text = written.replace(/\$?(\d[\d.,]*\s*)?\\times\$?/g, (_m, n: string | undefined) => `${n ?? ""}×`).replace(/\\%/g, "%").replace(/(\d)times\b/gi, "$1×");
  return {
    // A claim read alone states what it measures: "improves the throughput by up to 57.9x" is "by up
    // to 57.9x in throughput", not "by up to 57.9x" with the measure in figure.metric only.
    text: measure?.outside ? `${text} in ${measure.outside}` : text,
    value: best.value,
    unit: best.unit,
    ...(direction ? { direction } : {}),
    ...(metric ? { metric } : {}),
  };
}

/** A figure read as a claim: its words, its direction and what it measures. */
interface Reading {
  readonly written: string;
  readonly direction?: Claim["direction"];
  readonly measure?: Measure;
}

function readFigure(sentence: string, figures: readonly Figure[], f: Figure): Reading {
  const tail = tailEnd(sentence, f.reach);
  const said = measuredBy(sentence, f, tail);
  const end = said ?? tail;
  // A "$" right before the number opens LaTeX math ("by up to $29.6x$"); a figure is no sum of money.
  const opener = f.start < f.number && sentence[f.number - 1] === "$" ? f.number - 1 : -1;
  const written = (opener < 0 ? sentence.slice(f.start, end) : sentence.slice(f.start, opener) + sentence.slice(f.number, end)).trim();
  const ownWords = written.slice(f.number - f.start - (opener < 0 ? 0 : 1));
  const measure = metricOf(sentence, figures, f, written, said !== undefined);
  // A figure listed after another in the same construction, whose own words and part of the sentence
  // name no measure, is a figure of the same: "outperform BM25 by 44%, a plainly trained DR by 19%",
  // "80% less time-to-first-token compared to A, and over 90% compared to B". Not one whose words say
  // what it counts ("2x more requests").
  const alone = measure === undefined && said === undefined && !COUNTED.test(ownWords);
  const parallel = alone ? parallelTo(sentence, figures, f) : undefined;
  const earlier = parallel && readFigure(sentence, figures, parallel);
  // The direction is the claim's own comparative word; else that of the figure it is listed after;
  // else, for a figure that reads as a comparison ("reduces wall-clock time by 36%"), the nearest such
  // word before it, then after it.
  const direction =
    nearestDirection(ownWords, "first") ??
    (earlier?.measure ? earlier.direction : undefined) ??
    (f.score >= 1 ? (nearestDirection(sentence.slice(Math.max(0, f.start - 80), f.start), "last") ?? nearestDirection(sentence.slice(end, end + 30), "first")) : undefined);
  const inherited = earlier?.measure && { metric: earlier.measure.metric, word: earlier.measure.word, outside: earlier.measure.word };
  return { written, direction, measure: measure ?? inherited };
}

// What starts a figure's own part of the sentence: a word of comparison or change, or a turn to
// another clause ("while speeding up decoding by up to 2.18x", "and accelerating pre-filling by 1.73x").
// In lower case: within a sentence a capital starts a name ("compared to Accelerate").
const OWN_CLAUSE = new RegExp(String.raw`\b(?:${CUE_WORDS})|${UP.source}|${DOWN.source}|${CLAUSE_TURN.source}`);

/**
 * The figure this one is listed after in the same construction, when its own part of the sentence
 * (after the last comma before it) names no measure: the figure before it, of the same unit, with no
 * word of comparison or change, nor a turn to another clause, between its words and this figure.
 */
function parallelTo(sentence: string, figures: readonly Figure[], f: Figure): Figure | undefined {
  const run = runsOf(sentence, figures).find((r) => r.includes(f))!;
  const prev = figures[figures.indexOf(run[0]!) - 1];
  if (!prev || prev.unit !== f.unit) return undefined;
  const gap = sentence.slice(tailEnd(sentence, prev.reach), run[0]!.start);
  const own = gap.slice(Math.max(gap.lastIndexOf(","), gap.lastIndexOf(";")) + 1);
  return OWN_CLAUSE.test(gap) || NAMES_MEASURE.test(own) ? undefined : prev;
}

/**
 * What the claim measures: a measure in its own words ("2.3x higher effective throughput"), else the
 * nearest one before it in its part of the sentence ("reduces costs by 2.4x"), else the first after
 * it, never past a neighbouring figure ("1.8x faster than A with 0.5% higher accuracy": the accuracy
 * is the next claim's); "faster" alone measures speed, as a speedup does.
 */
function metricOf(sentence: string, figures: readonly Figure[], best: Figure, written: string, ownOnly: boolean): Measure | undefined {
  // A figure listed with others ("by up to 57.9x and 26.0x") shares their context.
  const run = runsOf(sentence, figures).find((r) => r.includes(best))!;
  const at = figures.indexOf(run[0]!);
  const prev = figures[at - 1], next = figures[at + run.length];
  // After the figure before it, its clause only ("65.8% in NDCG, and is 5.3x faster").
  const clause = prev ? tailEnd(sentence, prev.reach) : 0;
  const gap = sentence.slice(clause, run[0]!.start);
  const near = Math.max(run[0]!.start - 40, prev ? clause + Math.max(gap.lastIndexOf(","), gap.lastIndexOf(";")) + 1 : 0);
  // Nor past a conjunction that opens the figure's own clause ("39% less memory but also ran 75%
  // faster", "keeps the accuracy while being 2x faster": the memory and the accuracy are not its).
  const turn = [...sentence.slice(near, run[0]!.start).matchAll(CLAUSE_TURN)].pop();
  const from = turn ? near + turn.index + turn[0].length : near;
  const to = Math.min(run[run.length - 1]!.end + 30, next ? next.start : sentence.length);
  const own = written.match(METRIC)?.[0];
  const before = from < best.start ? sentence.slice(from, best.start).match(METRIC)?.pop() : undefined;
  const after = best.end < to ? sentence.slice(best.end, to).match(METRIC)?.[0] : undefined;
  const speed = SPEED_WORD.test(written) ? "speed" : undefined;
  // Its own words first: "faster" is speed, whatever measure stands near ("In graph construction
  // time, ... is 2.2~27x faster"); so is what they count ("requiring 24.0% fewer tokens" after
  // "superior tokenization efficiency" measures tokens, not the efficiency), which has no metric
  // unless it is a measure. A claim that runs on through what it is of ("60% reduction in GPU memory
  // usage") measures that only.
  if (!own && !speed && (ownOnly || COUNTED.test(written.slice(best.number - best.start)))) return undefined;
  const found = own ?? speed ?? before ?? after;
  if (found === undefined) return undefined;
  const metric = canonicalMetric(found.toLowerCase());
  const word = measureWord(found, metric);
  return own ?? speed ? { metric, word } : { metric, word, outside: word };
}

// A comparative word and what it counts, in a claim's own words ("24.0% fewer tokens", "85x less data").
const COUNTED = /\b(?:more|less|fewer|larger|smaller|greater|cheaper|higher|lower|better|worse)\s+[A-Za-z]/i;

const NAMES_MEASURE = new RegExp(METRIC.source, "i");
// A figure of change whose "in" phrase says what changed ("a 5x increase in average batch sizes").
const CHANGE_NOUN = /\b(?:increases?|reductions?|decreases?|improvements?|gains?|differences?|drops?|savings?|degradations?)$/i;

/**
 * Where a claim whose words name no measure ends when the sentence goes on to say what its figure is
 * of: an "of" phrase ("83% of ChatGPT performance", "5% of the system cost"), an "in" phrase that names
 * a measure ("a 60% reduction in GPU memory usage") or follows a noun of change ("a 5x increase in
 * average batch sizes"). Undefined otherwise ("by 2x in most cases" stays "by 2x").
 */
function measuredBy(sentence: string, best: Figure, tail: number): number | undefined {
  const text = sentence.slice(best.start, tail);
  if (NAMES_MEASURE.test(text) || SPEED_WORD.test(text)) return undefined;
  const link = /\s+(in|of)(?:\s+(?:the|a|an))?(?=\s)/iy;
  link.lastIndex = tail;
  const hit = link.exec(sentence);
  if (!hit) return undefined;
  const end = tailEnd(sentence, link.lastIndex);
  if (end === link.lastIndex) return undefined;
  const of = hit[1]!.toLowerCase() === "of";
  return of || NAMES_MEASURE.test(sentence.slice(link.lastIndex, end)) || CHANGE_NOUN.test(text.trim()) ? end : undefined;
}

/** What a claim measures, and the measure's word when the claim's own text does not say it. */
interface Measure {
  readonly metric: string;
  /** The measure as a claim's text says it ("NDCG", "throughput", "speed"). */
  readonly word: string;
  /** The measure as the sentence writes it, outside the claim's words ("throughput" of "improves the throughput by 1.34x"). */
  readonly outside?: string;
}

/** A measure word to add to a claim: an acronym as written ("NDCG", "nDCG", "F1"), else lower case; "speeds up" is speed. */
function measureWord(found: string, metric: string): string {
  if (metric === "speed" || metric === "cost") return metric;
  return /[A-Z]/.test(found.slice(1)) || /^[A-Z][A-Z0-9]*$/.test(found) ? found : found.toLowerCase();
}

function canonicalMetric(metric: string): string {
  if (metric === "costs") return "cost";
  if (metric.startsWith("speed")) return "speed"; // a speedup, a speed-up and "faster" are one measure
  if (metric === "time-to-first-token") return "ttft";
  if (metric === "word error rate") return "wer";
  return metric;
}

function figuresOf(sentence: string, anchor: Anchor | undefined): Figure[] {
  const figures: Figure[] = [];
  for (const m of sentence.matchAll(QUANTITY)) {
    const before = sentence.slice(Math.max(0, m.index - 40), m.index);
    const lead = LEAD.exec(before);
    const end = m.index + m[0].length;
    const unit = unitOf(m[3]!);
    const comparative = COMPARATIVE.exec(sentence.slice(end, end + 80));
    const reach = end + (comparative ? comparative[0].length : 0);
    const figure = { start: m.index - (lead ? lead[0].length : 0), number: m.index, end, reach, value: Math.max(numberOf(m[1]) ?? 0, numberOf(m[2])!), unit };
    const cued = Boolean(lead) || CUE_BEFORE.test(before);
    const score =
      (anchor && namesIt(sentence, figure, anchor) ? 3 : 0) +
      (comparative ? 2 : 0) +
      (unit === "x" ? 1 : 0) +
      (cued ? 1 : 0) -
      (/^\s+of\b/i.test(sentence.slice(end, end + 4)) ? 1 : 0) -
      // A size stated as such is a setting ("exceeds 90GB", "under 1MB Flash"), not a result.
      (SIZE_UNITS.has(unit) && !comparative && !cued ? 2 : 0);
    figures.push({ ...figure, score });
  }
  return figures;
}

/**
 * "by up to 57.9x and 26.0x, compared to vLLM and PEFT, respectively": the figure at the name's place
 * in its list, when a list of as many figures stands in the sentence (the nearest such list).
 */
function respectively(sentence: string, figures: readonly Figure[], anchor: Anchor): Figure | undefined {
  const word = /\brespectively\b/i.exec(sentence.slice(anchor.end, anchor.end + 120));
  if (!word) return undefined;
  // The names run from the word that opens their list to "respectively" or to the figures after them.
  const stop = Math.min(anchor.end + word.index, ...figures.filter((f) => f.start >= anchor.end).map((f) => f.start));
  const opener = [...sentence.slice(0, anchor.start).matchAll(LIST_OPENER)].pop();
  if (!opener) return undefined;
  const from = opener.index + opener[0].length;
  const names: { start: number; end: number }[] = [];
  const separator = /\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+/g;
  let at = from;
  for (const m of sentence.slice(from, stop).matchAll(separator)) {
    names.push({ start: at, end: from + m.index });
    at = from + m.index + m[0].length;
  }
  if (at < stop) names.push({ start: at, end: stop });
  const place = names.findIndex((n) => n.start <= anchor.start && anchor.end <= n.end);
  const isName = (n: { start: number; end: number }) => sentence.slice(n.start, n.end).trim().split(/\s+/).length <= 6;
  if (names.length < 2 || place < 0 || !names.every(isName)) return undefined;
  let nearest: Figure[] | undefined;
  for (const run of runsOf(sentence, figures)) {
    if (run.length !== names.length) continue;
    const distance = (r: Figure[]) => Math.min(Math.abs(r[0]!.start - from), Math.abs(r[r.length - 1]!.end - from));
    if (!nearest || distance(run) < distance(nearest)) nearest = run;
  }
  return nearest?.[place];
}

/** Figures listed one after another ("57.9x and 26.0x", "1.2x, 1.4x and 2.4x"). */
function runsOf(sentence: string, figures: readonly Figure[]): Figure[][] {
  const runs: Figure[][] = [];
  for (const f of figures) {
    const last = runs[runs.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && /^\s*(?:,|,?\s*and|,?\s*or)\s*$/i.test(sentence.slice(prev.end, f.number))) last.push(f);
    else runs.push([f]);
  }
  return runs;
}

/** Whether the figure is said of the compared name: close to it, through a comparison word, no other figure between. */
function namesIt(sentence: string, f: Omit<Figure, "score">, anchor: Anchor): boolean {
  const after = anchor.start >= f.end;
  if (!after && anchor.end > f.number) return false;
  const gap = after ? sentence.slice(f.end, anchor.start) : sentence.slice(anchor.end, f.number);
  if (gap.length > 60 || FIGURE_START.test(gap) || CLAUSE_BREAK.test(gap)) return false;
  return after ? NAMED_AFTER.test(gap) : NAMED_BEFORE.test(gap);
}

/** The direction of the first (or last) comparative word in the text. */
function nearestDirection(text: string, which: "first" | "last"): Claim["direction"] | undefined {
  let best: { at: number; direction: "higher" | "lower" } | undefined;
  for (const [re, direction] of [[UP, "higher"], [DOWN, "lower"]] as const) {
    for (const m of text.matchAll(re)) {
      if (!best || (which === "first" ? m.index < best.at : m.index > best.at)) best = { at: m.index, direction };
    }
  }
  return best?.direction;
}

/** Where the claim's text ends: its comparative words and metric, up to the first stop word. */
function tailEnd(sentence: string, from: number): number {
  let end = from;
  let words = 0;
  const re = /\s+(\S+)/y;
  re.lastIndex = from;
  for (let m = re.exec(sentence); m && words < 4; m = re.exec(sentence)) {
    const word = m[1]!.replace(/[,;:.)\]]+$/, "");
    if (!TAIL_WORD.test(word) || STOP.has(word.toLowerCase())) break;
    end = m.index + m[0].length - (m[1]!.length - word.length);
    words++;
    if (word.length !== m[1]!.length) break; // the word closed a clause
  }
  return end;
}

function numberOf(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text.replace(/,/g, "").replace(":", "."));
}

function unitOf(raw: string): string {
  const u = raw.toLowerCase().replace(/^\\/, "");
  if (u === "×" || u === "times" || u === "times$" || u === "$\\times$") return "x";
  if (u === "percent") return "%";
  if (u === "point" || u === "points") return "points";
  if (u === "second" || u === "seconds") return "s";
  return u;
}
