// What a coined name looks like when it is not in the vocabulary: CamelCase ("PokerGPT"),
// acronyms ("JPQ"), versioned or hyphenated capitals ("GEB-1.3B", "Cache-Craft", "TILDEv2").

export interface NameSpan {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

// A token with an inner capital, a digit next to letters, or two capitals; hyphen-joined parts allowed.
const TOKEN = /(?<![\p{L}\p{N}\-])(?:[\p{Lu}\p{Ll}][\p{L}\p{N}.]*(?:-[\p{L}\p{N}.]+)*)(?![\p{L}\p{N}])/gu;

/** Capitalised words that are ordinary English or generic ML words, never coined names. */
const COMMON = new Set(
  [
    "AI", "ML", "NLP", "CV", "API", "APIs", "SOTA", "US", "UK", "EU", "OK", "IO", "I/O", "FLOPs", "FLOP", "TFLOPs", "GFLOPs", "PFLOPs",
    "BLEU", "ROUGE", "MRR", "MAP", "NDCG", "nDCG", "AUC", "F1", "EM", "PPL", "WER", "MOS", "PESQ", "SI-SDR", "TTFT", "TPOT", "QPS", "SLO", "SLOs",
    "GB", "MB", "TB", "KB", "ms", "GHz", "Gbps", "MHz", "mW", "FPS", "IoT", "LLM", "LLMs", "DNN", "DNNs", "CNN", "CNNs", "RNN", "RNNs",
    "Top-1", "Top-5", "top-1", "top-5", "In", "On", "We", "Our", "The", "This", "These", "However", "Moreover", "Furthermore", "Additionally",
  ].map((s) => s.toLowerCase()),
);

export function isCoinedShape(tok: string): boolean {
  if (tok.length < 2 || COMMON.has(tok.toLowerCase())) return false;
  const t = tok.replace(/\.$/, "");
  if (/^\d/.test(t)) return false;
  if (/^[\p{Ll}]+$/u.test(t)) return false;
  const parts = t.split("-");
  // "Cache-Craft", "Parrot-Ask": every part capitalised, at least two parts.
  if (parts.length >= 2 && parts.every((p) => /^[\p{Lu}\d]/u.test(p)) && parts.some((p) => /[\p{Ll}\p{Lu}]{2,}/u.test(p))) return true;
  if (/\p{Ll}\p{Lu}/u.test(t)) return true; // inner capital: PokerGPT, vLLM, FlashAttention
  if (/^\p{Lu}{2,}/u.test(t)) return true; // acronym-led: JPQ, BEBR, GEB-1.3B, TILDEv2
  if (/\p{L}\d|\d\p{L}/u.test(t) && /\p{Lu}/u.test(t)) return true; // H3, T5, EMOv2-1M
  return false;
}

export function coinedTokens(text: string): NameSpan[] {
  const out: NameSpan[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text))) {
    // "ModernBERT-in classifying": a hyphen-joined function word is a typo's residue, not a suffix.
    const tok = m[0].replace(/[.]+$/, "").replace(/-(?:in|on|of|for|to|and|or|the|a|an|with|at|by|as|is|vs|from)$/i, "");
    if (isCoinedShape(tok)) out.push({ text: tok, start: m.index, end: m.index + tok.length });
  }
  return out;
}
