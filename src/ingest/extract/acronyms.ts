// Acronym definitions learned from the text itself: "product quantization (PQ)" makes PQ an alias
// of product quantization for this paper only. A simplified Schwartz & Hearst (2003) matcher.

export interface AcronymPair {
  readonly short: string;
  readonly long: string;
  /** Offsets of the long form and of the closing parenthesis, in the field text. */
  readonly start: number;
  readonly end: number;
}

const PAREN = /\(([A-Za-z][A-Za-z0-9\-&]{0,11}?)s?\)/g;

/** Finds the shortest run of words before the parenthesis whose letters spell the acronym. */
function longFormFor(short: string, before: string): string | null {
  const letters = short.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (letters.length < 2 || !/[A-Z]/.test(short)) return null;
  const words = before.trimEnd().split(/\s+/);
  const maxWords = Math.min(letters.length + 5, letters.length * 2);
  const cand = words.slice(-maxWords).join(" ");
  // Walk backwards: every acronym letter must be found, the first at the start of a word.
  let li = letters.length - 1;
  let ci = cand.length - 1;
  while (li >= 0) {
    const ch = letters[li]!;
    while (ci >= 0 && (cand[ci]!.toLowerCase() !== ch || (li === 0 && ci > 0 && /[\p{L}\p{N}]/u.test(cand[ci - 1]!)))) ci--;
    if (ci < 0) return null;
    li--;
    ci--;
  }
  const startWord = cand.slice(0, ci + 1).lastIndexOf(" ") + 1;
  const long = cand.slice(startWord).replace(/^[("']+/, "").trim();
  if (long.split(/\s+/).length > letters.length + 2) return null;
  if (long.toLowerCase().replace(/[^a-z0-9]/g, "") === letters) return null;
  return long;
}

export function findAcronymPairs(text: string): AcronymPair[] {
  const out: AcronymPair[] = [];
  let m: RegExpExecArray | null;
  PAREN.lastIndex = 0;
  while ((m = PAREN.exec(text))) {
    const short = m[1]!;
    const before = text.slice(Math.max(0, m.index - 120), m.index);
    const clause = before.split(/[.;:,(]\s/).pop() ?? before;
    const long = longFormFor(short, clause);
    if (!long) continue;
    const start = m.index - (before.length - before.lastIndexOf(long));
    out.push({ short, long, start, end: m.index + m[0].length });
  }
  return out;
}
