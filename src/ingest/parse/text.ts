// Text hygiene shared by every parser: what we do to a title or abstract before extraction sees it.
// An abstract is also read in one form (normaliseForms); a title stays as written.

const ENTITIES: Readonly<Record<string, string>> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ndash: "–", mdash: "—",
  hellip: "…", lsquo: "‘", rsquo: "’", ldquo: "“", rdquo: "”", times: "×", minus: "−", le: "≤", ge: "≥",
  aacute: "á", eacute: "é", iacute: "í", oacute: "ó", uacute: "ú", agrave: "à", egrave: "è", auml: "ä",
  ouml: "ö", uuml: "ü", ccedil: "ç", ntilde: "ñ", szlig: "ß", alpha: "α", beta: "β", gamma: "γ", lambda: "λ",
};

/** Decodes the HTML entities that exports leave in text (&amp;, &#39;, &#x2014;). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body] ?? ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Combining marks of the LaTeX accent commands arXiv abstracts keep (T\"ulu, Erd\H{o}s, \'{e}). */
const LATEX_ACCENTS: Readonly<Record<string, string>> = {
  '"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304", ".": "\u0307",
  H: "\u030b", c: "\u0327", k: "\u0328", u: "\u0306", v: "\u030c",
};

/** Replaces LaTeX accent commands by the accented letter: T\"ulu -> Tülu, {\'e} -> é, \c{c} -> ç. */
export function decodeLatexAccents(s: string): string {
  if (!s.includes("\\")) return s;
  return s
    .replace(/\{\\(["'`^~=.])\s*([A-Za-z])\}/g, (_m, cmd: string, ch: string) => ch + LATEX_ACCENTS[cmd]!)
    .replace(/\\(["'`^~=.])\{?([A-Za-z])\}?/g, (_m, cmd: string, ch: string) => ch + LATEX_ACCENTS[cmd]!)
    .replace(/\\([Hckuv])\{([A-Za-z])\}/g, (_m, cmd: string, ch: string) => ch + LATEX_ACCENTS[cmd]!)
    .normalize("NFC");
}

/** Entities and LaTeX accents decoded, control characters dropped, white space folded. */
export function cleanText(s: string): string {
  return foldSpace(decodeLatexAccents(decodeEntities(s)));
}

/** Control characters dropped, white space folded. */
function foldSpace(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * `written` as Paper.titleAsWritten: control characters dropped and white space folded as cleanText
 * does, nothing decoded; only when that differs from the clean title.
 */
export function titleAsWritten(written: string, title: string): { titleAsWritten?: string } {
  const folded = foldSpace(written);
  return folded === title ? {} : { titleAsWritten: folded };
}

/** Characters that show nothing: zero-width space, non-joiner and joiner, word joiner, byte-order mark, soft hyphen. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

/**
 * An abstract with the forms of PDF, word-processor and web copies read as the plain text arXiv
 * abstracts (and the annotated ones the model learns from) are written in: invisible characters
 * dropped ("in\u00adference" is "inference"), the Unicode hyphen and non-breaking hyphen as "-",
 * typographic ligatures as their letters ("ﬁne-tuning" is "fine-tuning"). Each of these, put into
 * the 334 annotated abstracts, changed the facts of a third to nine tenths of them; read so, of
 * none. None occurs in the annotated abstracts, so training reads the same text as before.
 * LaTeX ($2.3\times$, \textbf{X}, \%) and curly quotes stay: the annotated abstracts hold them
 * as arXiv does, and the model has learned them (docs/extraction.md, "Text forms"). The title is
 * left as written, since papers are paired with their gold by it.
 */
export function normaliseForms(s: string): string {
  const t = s.replace(INVISIBLE, "").replace(/[\u2010\u2011]/g, "-");
  return /[\ufb00-\ufb06]/.test(t) ? t.replace(/[\ufb00-\ufb06]/g, (c) => c.normalize("NFKC")) : t;
}

/** An abstract's text: cleanText, and its forms read as plain text (normaliseForms). */
export function cleanAbstract(s: string): string {
  // Entities decoded once, before the forms (a soft hyphen may come as "&#173;"); then as cleanText.
  return foldSpace(decodeLatexAccents(normaliseForms(decodeEntities(s))));
}
