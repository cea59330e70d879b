// Sentence spans with character offsets. A regex splitter rather than compromise: it runs on every
// paper, and compromise's tokeniser costs about as much as its tagger (see docs/extraction.md).

export interface Sentence {
  readonly field: "title" | "abstract";
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Abbreviations after which a period does not end a sentence. */
const NO_BREAK = /(?:\b(?:e\.g|i\.e|et al|vs|cf|etc|approx|resp|Fig|Sec|Eq|Tab|No|w\.r\.t|a\.k\.a)\.|\b[A-Z]\.)$/;

export function splitSentences(text: string, field: "title" | "abstract"): Sentence[] {
  const out: Sentence[] = [];
  const re = /[.!?](?=\s+["'(\[]?[A-Z0-9])/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const end = m.index + 1;
    if (NO_BREAK.test(text.slice(Math.max(0, end - 12), end))) continue;
    push(out, text, start, end, field);
    start = end;
  }
  push(out, text, start, text.length, field);
  return out;
}

function push(out: Sentence[], text: string, start: number, end: number, field: Sentence["field"]): void {
  let s = start;
  while (s < end && /\s/.test(text[s]!)) s++;
  let e = end;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (e > s) out.push({ field, text: text.slice(s, e), start: s, end: e });
}
