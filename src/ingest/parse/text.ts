// Text hygiene shared by every parser: what we do to a title or abstract before extraction sees it.

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
  return decodeLatexAccents(decodeEntities(s))
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
