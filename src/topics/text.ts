// Bag-of-phrases vectors for paper text: unigrams and bigrams of content words, weighted by
// sublinear tf times idf. Pure; used to link papers that share vocabulary but no named entity.

const STOPWORDS = new Set(
  (
    "a about above across after again against all almost along also although always am among an and another any are " +
    "around as at be because been before being below between both but by can cannot could did do does doing done down " +
    "due during each either else even ever every few for from further had has have having he her here hers herself him " +
    "himself his how however i if in into is it its itself just least less like made make makes making many may me " +
    "might more most much must my neither no nor not now of off often on once one only onto or other others our ours " +
    "out over own per rather same several she should show shows shown since so some such than that the their theirs them " +
    "themselves then there these they this those through thus to too toward towards under until up upon us use used uses " +
    "using very via was we well were what when where whether which while who whom whose why will with within without would " +
    "yet you your yours " +
    // Words every abstract in this corpus uses: they name no topic.
    "approach approaches based achieve achieves achieving address addresses existing paper propose proposed proposes " +
    "present presents method methods model models results result work works new novel significant significantly " +
    "performance improve improves improved improvement improvements state art task tasks furthermore moreover " +
    "demonstrate demonstrates experiments experimental outperforms outperform compared compare first two three various " +
    "different large small high low large-scale key efficient efficiency effective effectively fast faster better best " +
    "introduce introduces study studies show evaluate evaluation evaluations however code available github com https http " +
    "while across up lead leads leading provide provides enable enables enabling allow allows able time times up-to"
  ).split(/\s+/),
);

/** Lower-case content tokens of a text: letters/digits with inner hyphens kept ("kv-cache" stays one token). */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu)) {
    const t = m[0];
    if (t.length < 2 || /^\d+(?:\.\d+)?$/.test(t)) {
      out.push("");
      continue;
    }
    out.push(STOPWORDS.has(t) ? "" : t);
  }
  return out;
}

/** Unigrams (3+ characters) and bigrams of adjacent content words; "" marks a break. */
export function phrases(text: string): string[] {
  const toks = tokens(text);
  const out: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!t) continue;
    if (t.length >= 3) out.push(t);
    const next = toks[i + 1];
    if (next) out.push(`${t} ${next}`);
  }
  return out;
}

export type Vector = ReadonlyMap<string, number>;

/** tf-idf vectors, L2-normalised, plus each phrase's document frequency. */
export function tfidf(docs: readonly string[]): { vectors: Vector[]; df: ReadonlyMap<string, number> } {
  const counts = docs.map((d) => {
    const c = new Map<string, number>();
    for (const p of phrases(d)) c.set(p, (c.get(p) ?? 0) + 1);
    return c;
  });
  const df = new Map<string, number>();
  for (const c of counts) for (const p of c.keys()) df.set(p, (df.get(p) ?? 0) + 1);
  const n = docs.length;
  const vectors = counts.map((c) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [p, tf] of c) {
      const d = df.get(p) ?? 1;
      // A phrase in one document links nothing; one in a large share of them says nothing.
      if (d < 2 || d > Math.max(n / 4, 4)) continue;
      const w = (1 + Math.log(tf)) * Math.log(n / d);
      v.set(p, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [p, w] of v) v.set(p, w / norm);
    return v;
  });
  return { vectors, df };
}

export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [p, w] of small) {
    const o = large.get(p);
    if (o !== undefined) dot += w * o;
  }
  return dot;
}
