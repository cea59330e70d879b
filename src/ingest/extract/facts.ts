// Stage 4 of extraction: from probabilities to facts. An acronym and its expansion share one
// probability per kind. A candidate becomes a fact of a kind when its probability reaches the
// model's threshold; a contribution the paper introduces is not also something it builds on,
// compares to or uses as a model, dataset or hardware, and a name is at most one of those three;
// of two nested spans kept for one kind ("Llama 2", "Llama 2 7B" in the same place) the one the
// direct estimate favours stays, and so does one of an acronym and its expansion. Each fact gets
// its canonical entity, its evidence sentence and, for comparisons, the quantitative claim of
// that sentence.
import { FACT_KINDS, hardwareCore, lookupName, nameKey, type Claim, type EntityKind, type EntityRef, type Evidence, type Fact, type FactKind, type Lineage, type VocabEntry } from "../../domain";
import { findAcronymPairs } from "./acronyms";
import type { Candidate, Occurrence, Reading, ReadSentence } from "./candidates";
import { MAX_SPAN, mentionKey } from "./candidates";
import { comparedAt, parseClaim, statesFigure, type Anchor } from "./claims";
import { vocabularyKind } from "./features";
import { DIRECT, KIND_INDEX, type Probabilities } from "./model";
import { LINEAGE } from "./vocabulary";

export interface Decision {
  readonly kind: FactKind;
  readonly candidate: Candidate;
  readonly p: number;
}

const TYPED: ReadonlyArray<readonly [FactKind, EntityKind]> = [
  ["models", "Model"],
  ["datasets", "Dataset"],
  ["hardware", "Hardware"],
];

/**
 * The spans of the candidates chosen so far, by sentence and first token, to tell whether a
 * candidate is nested in one of them or holds one: one occurrence of either covers one of the
 * other's in the same sentence. A span has at most MAX_SPAN tokens, so only the starts within
 * MAX_SPAN of an occurrence can hold a span that covers it or that it covers. Comparing every pair
 * of candidates instead was quadratic in a list's length (2,000 names: 2 million comparisons).
 */
class ChosenSpans {
  /** `${sentence index} ${from}` -> the ends of the chosen spans starting there. */
  private readonly ends = new Map<string, number[]>();

  add(c: Candidate): void {
    for (const o of c.occurrences) {
      const at = `${o.sentence.index} ${o.from}`;
      const ends = this.ends.get(at);
      if (ends) ends.push(o.to);
      else this.ends.set(at, [o.to]);
    }
  }

  /** Whether an occurrence of `c` covers a chosen span, or a chosen span covers one of `c`'s. */
  overlaps(c: Candidate): boolean {
    for (const o of c.occurrences) {
      const s = o.sentence.index;
      // A chosen span inside this one starts in [from, to) and ends by `to`.
      for (let f = o.from; f < o.to; f++) if (this.ends.get(`${s} ${f}`)?.some((e) => e <= o.to)) return true;
      // One around it starts by `from`, at most MAX_SPAN tokens before its end, and ends at or after it.
      for (let f = Math.max(0, o.to - MAX_SPAN); f <= o.from; f++) if (this.ends.get(`${s} ${f}`)?.some((e) => e >= o.to)) return true;
    }
    return false;
  }
}

/** Keys that name the same thing in this paper: an acronym and its expansion ("PQ", "product quantization"). */
export function acronymPartners(reading: Reading): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of [reading.paper.title, reading.paper.abstract]) {
    for (const p of findAcronymPairs(text)) {
      const s = mentionKey(p.short);
      const l = mentionKey(p.long);
      if (s && l && s !== l) {
        out.set(s, l);
        out.set(l, s);
      }
    }
  }
  return out;
}

/**
 * An acronym and its expansion name one thing in the paper ("product quantization (PQ)"), so each
 * kind's probability of both is the mean of theirs: the two spans' features are two readings of the
 * same name, and where one is written in a telling place the other should profit (cross-validated,
 * the mean beats each span on its own, and the likelier of the two: docs/extraction.md, 2.7.0).
 * The direct estimates (model.DIRECT) stay each span's own.
 */
export function pooledByPartner(reading: Reading, probs: readonly Probabilities[], partners: ReadonlyMap<string, string>): readonly Probabilities[] {
  if (partners.size === 0) return probs;
  // Only the partners' indexes: a paper has a thousand candidates and a few acronym pairs.
  const at = new Map<string, number>();
  reading.candidates.forEach((c, i) => {
    if (partners.has(c.key)) at.set(c.key, i);
  });
  return reading.candidates.map((c, i) => {
    const own = probs[i]!;
    const j = at.get(partners.get(c.key) ?? "");
    if (j === undefined) return own;
    const pooled = [...own];
    for (let k = 0; k < DIRECT; k++) pooled[k] = (own[k]! + probs[j]![k]!) / 2;
    return pooled;
  });
}

const INTRODUCES = KIND_INDEX.introduces;
const ROLES = [KIND_INDEX.builds_on, KIND_INDEX.compares_to];
const TYPED_KINDS = TYPED.map(([kind]) => KIND_INDEX[kind]);

/**
 * Whether a candidate whose probability of the kind reaches the threshold keeps that kind against
 * its others. Introduces and a role (builds on, compares to): the likelier. Introduces and a typed
 * kind: introduces, since the annotators almost never list a paper's own contribution as a model,
 * dataset or hardware it uses (2 of 725 introduced names). Two typed kinds: the likelier, since no
 * name is both.
 */
function keepsKind(k: number, p: Probabilities, threshold: number): boolean {
  const introduced = p[INTRODUCES]! >= threshold && ROLES.every((r) => p[r]! <= p[INTRODUCES]!);
  if (k === INTRODUCES) return introduced;
  if (ROLES.includes(k)) return !(p[INTRODUCES]! >= threshold && p[INTRODUCES]! >= p[k]!);
  return !introduced && TYPED_KINDS.every((t) => t === k || p[t]! < threshold || p[t]! < p[k]!);
}

/**
 * The facts a paper's probabilities decide, most probable first within each kind. Of two nested
 * spans, or an acronym and its expansion, kept for one kind, the one with the higher direct
 * estimate stays. The direct model of a kind is trained on every candidate, nested ones too, so it
 * learns where that kind's names end ("A100" for hardware, "Llama 2 7B" for models); the role
 * given a name never sees a wrong span, and the name model is one for all kinds. Cross-validated,
 * the direct estimate picks better than the mean, p(name) or the product (docs/extraction.md).
 */
export function decide(reading: Reading, probs: readonly Probabilities[], threshold: number, partners = acronymPartners(reading)): Decision[] {
  const out: Decision[] = [];
  for (const kind of FACT_KINDS) {
    const k = KIND_INDEX[kind];
    const kept: Array<Decision & { readonly direct: number }> = [];
    reading.candidates.forEach((c, i) => {
      const p = probs[i]!;
      if (p[k]! >= threshold && keepsKind(k, p, threshold)) kept.push({ kind, candidate: c, p: p[k]!, direct: p[DIRECT + k]! });
    });
    kept.sort((a, b) => b.direct - a.direct || a.candidate.key.localeCompare(b.candidate.key));
    const chosen: Decision[] = [];
    const keys = new Set<string>();
    const spans = new ChosenSpans();
    for (const d of kept) {
      const partner = partners.get(d.candidate.key);
      if ((partner !== undefined && keys.has(partner)) || spans.overlaps(d.candidate)) continue;
      chosen.push({ kind, candidate: d.candidate, p: d.p });
      keys.add(d.candidate.key);
      spans.add(d.candidate);
    }
    chosen.sort((a, b) => b.p - a.p || a.candidate.key.localeCompare(b.candidate.key));
    out.push(...chosen);
  }
  return out;
}

const CUE_OF_KIND: { readonly [K in FactKind]: RegExp } = {
  introduces: /\b(?:propose|introduce|present|call|name|dub|term|develop|design)\w*/i,
  builds_on: /\b(?:build|built|based|extend|leverag|us(?:e|es|ing)|integrat|adopt|appl|employ|combin|incorporat)\w*/i,
  compares_to: /\b(?:outperform|than|compar|versus|vs\.?|against|surpass|over|unlike|baseline)\w*/i,
  hardware: /\b(?:gpu|cpu|device|hardware|run|deploy)\w*/i,
  datasets: /\b(?:on|benchmark|dataset|evaluat|experiment)\w*/i,
  models: /\b(?:model|llm|on|fine-tun|using)\w*/i,
};

/**
 * What evidence asks of a sentence, worked out once per sentence: whether it holds a cue of a kind,
 * and whether it states a figure at all (else it has no claim, wherever its name stands). Asked per
 * occurrence, a name written in every clause of one long sentence made both quadratic.
 */
class SentenceCues {
  private readonly cues = new Map<string, boolean>();
  private readonly figures = new Map<ReadSentence, boolean>();

  cued(s: ReadSentence, kind: FactKind): boolean {
    const at = `${kind} ${s.index}`;
    let cued = this.cues.get(at);
    if (cued === undefined) this.cues.set(at, (cued = CUE_OF_KIND[kind].test(s.text)));
    return cued;
  }

  /** parseClaim of the occurrence's sentence, skipped for a sentence that states no figure. */
  claim(o: Occurrence): Claim | undefined {
    let figures = this.figures.get(o.sentence);
    if (figures === undefined) this.figures.set(o.sentence, (figures = statesFigure(o.sentence.text)));
    return figures ? parseClaim(o.sentence.text, anchorOf(o)) : undefined;
  }
}

/**
 * The occurrence whose sentence best shows the fact: an abstract sentence with a cue of its kind
 * (for a comparison, the first such sentence that states a figure), else the first one; and for a
 * comparison, the claim its sentence states.
 */
function evidenceOccurrence(c: Candidate, kind: FactKind, sentences: SentenceCues): { occurrence: Occurrence; claim?: Claim } {
  const abstract = c.occurrences.filter((o) => o.sentence.field === "abstract");
  const cued = abstract.filter((o) => sentences.cued(o.sentence, kind));
  const occurrence = cued[0] ?? abstract[0] ?? c.occurrences[0]!;
  if (kind !== "compares_to") return { occurrence };
  // A sentence that compares against the name ("2x speedup compared to FlashAttention") shows the
  // comparison better than an earlier one where the name itself compares ("FlashAttention brings a
  // 2-4x speedup compared to optimized baselines"), whose figure is not the paper's claim against it.
  const against = cued.filter((o) => comparedAt(o.sentence.text, anchorOf(o)));
  for (const o of [...against, ...cued]) {
    const claim = sentences.claim(o);
    if (claim) return { occurrence: o, claim };
  }
  // No cued sentence states a figure: the claim, if any, of the sentence chosen without one.
  return { occurrence, claim: cued.length ? undefined : sentences.claim(occurrence) };
}

/** Where an occurrence stands in its sentence, in characters. */
function anchorOf(o: Occurrence): Anchor {
  return { start: o.sentence.tokens[o.from]!.start, end: o.sentence.tokens[o.to - 1]!.end };
}

/** The name most often written for a candidate (first written on a tie). */
function surfaceOf(c: Candidate): string {
  const counts = new Map<string, number>();
  for (const o of c.occurrences) counts.set(o.text, (counts.get(o.text) ?? 0) + 1);
  let best = c.occurrences[0]!.text;
  for (const [t, n] of counts) if (n > counts.get(best)!) best = t;
  return best;
}

function entityKind(c: Candidate, probs: Probabilities): EntityKind {
  const known = vocabularyKind(c.key) as EntityKind | undefined;
  if (known) return known;
  let best: EntityKind = "Technique";
  let bestP = 0.3;
  for (const [field, kind] of TYPED) {
    const p = probs[KIND_INDEX[field]]!;
    if (p > bestP) [best, bestP] = [kind, p];
  }
  return best;
}

function entityOf(c: Candidate, probs: Probabilities, partner: Candidate | undefined): EntityRef {
  const surface = surfaceOf(c);
  const kind = entityKind(c, probs);
  // A chip written with its maker, memory size or "GPUs" is the chip ("NVIDIA A100 GPUs" is the A100),
  // and a known name written as a baseline is that name ("the strong BM25 baseline" is BM25).
  const written = lookupName(surface) ?? baselineOf(surface);
  const chip = kind === "Hardware" && written?.kind !== "Hardware" ? hardwareCore(surface) : undefined;
  const entry = chip ? chip.entry : written;
  const texts = new Set(c.occurrences.map((o) => o.text));
  if (partner) texts.add(surfaceOf(partner));
  const name = entry && entry.kind === kind ? entry.name : chip?.name ?? surface;
  const aliases = [...new Set([...(entry && entry.kind === kind ? entry.aliases.map((a) => a.replace(/^=/, "")) : []), ...texts])]
    .filter((a) => a !== name)
    .sort();
  const generic = entry !== undefined && entry.kind === kind && entry.generic;
  return Object.freeze({ kind, name, key: nameKey(name), aliases: Object.freeze(aliases), ...(generic ? { generic } : {}) });
}

/** The vocabulary entry of a name written with "baseline(s)" after it ("BM25 baseline", "FP16 baselines"). */
function baselineOf(surface: string): VocabEntry | undefined {
  const m = /^(.+?)\s+baselines?$/i.exec(surface);
  return m ? lookupName(m[1]!) : undefined;
}

function evidenceOf(o: Occurrence, kind: FactKind, p: number): Evidence {
  return { ...placeOf(o.sentence), rule: `model:${kind}`, confidence: Math.round(p * 1000) / 1000 };
}

/** Where evidence stands: its sentence and that sentence's offsets in the title or abstract. */
function placeOf(s: ReadSentence): Pick<Evidence, "sentence" | "field" | "start" | "end"> {
  return { sentence: s.text, field: s.field, start: s.start, end: s.end };
}

/** The vocabulary's lineage pairs as entity keys (nameKey), computed once rather than per paper. */
const LINEAGE_KEYS = LINEAGE.map(([child, parent]) => [nameKey(child), nameKey(parent)] as const);

/** Facts and vocabulary lineage for a paper's decisions. */
export function factsOf(
  reading: Reading, probs: readonly Probabilities[], decisions: readonly Decision[], partners = acronymPartners(reading),
): { facts: Fact[]; lineage: Lineage[] } {
  const index = new Map(reading.candidates.map((c, i) => [c, i]));
  const byKey = new Map(reading.candidates.map((c) => [c.key, c]));
  const refs = new Map<Candidate, EntityRef>();
  const ref = (c: Candidate) => {
    let r = refs.get(c);
    if (!r) refs.set(c, (r = entityOf(c, probs[index.get(c)!]!, byKey.get(partners.get(c.key) ?? ""))));
    return r;
  };
  const sentences = new SentenceCues();
  // Two candidates can name one entity ("T5-base" and "T5-XXL" are both T5 to the vocabulary): one
  // fact per kind, the likelier's, which keeps the other's written name among its mentions. What
  // the paper introduces is not also something it builds on or compares to.
  const entityIdOf = (e: EntityRef) => `${e.kind}\u0000${e.key}`;
  const introduced = new Set(decisions.filter((d) => d.kind === "introduces").map((d) => entityIdOf(ref(d.candidate))));
  const firsts = new Map<string, { decision: Decision; occurrence: Occurrence; claim?: Claim; others: string[] }>();
  for (const d of decisions) {
    const entity = ref(d.candidate);
    if ((d.kind === "builds_on" || d.kind === "compares_to") && introduced.has(entityIdOf(entity))) continue;
    const id = `${d.kind}\u0000${entityIdOf(entity)}`;
    const { occurrence, claim } = evidenceOccurrence(d.candidate, d.kind, sentences);
    const first = firsts.get(id);
    if (first) first.others.push(occurrence.text);
    else firsts.set(id, { decision: d, occurrence, claim, others: [] });
  }
  const facts: Fact[] = [...firsts.values()].map(({ decision: d, occurrence: o, claim, others }) => {
    const entity = ref(d.candidate);
    return {
      kind: d.kind,
      entity,
      evidence: evidenceOf(o, d.kind, d.p),
      ...(claim ? { claim } : {}),
      ...(o.text !== entity.name ? { mention: o.text } : {}),
      ...(others.length ? { otherMentions: Object.freeze(others) } : {}),
    };
  });
  const present = new Map<string, Fact>();
  for (const f of facts) if (!present.has(f.entity.key)) present.set(f.entity.key, f);
  const lineage: Lineage[] = [];
  for (const [child, parent] of LINEAGE_KEYS) {
    const c = present.get(child);
    const p = present.get(parent);
    if (!c || !p || c.entity.key === p.entity.key) continue;
    // The vocabulary knows the lineage; the paper states it only in a sentence naming both (its first).
    // One naming the child alone ("2.6x faster than FlashAttention-2") says nothing of what it builds on,
    // so without such a sentence the paper gets no edge: the edge would cite a sentence that does not state it.
    const both = firstSentenceNaming(decisions, ref, child, parent);
    if (!both) continue;
    lineage.push({ from: c.entity, to: p.entity, evidence: { ...c.evidence, ...placeOf(both), rule: "lineage:vocabulary" } });
  }
  return { facts, lineage };
}

/** The first sentence (the title, then the abstract's in order: ReadSentence.index) where the decided names of both entities occur. */
function firstSentenceNaming(decisions: readonly Decision[], ref: (c: Candidate) => EntityRef, a: string, b: string): ReadSentence | undefined {
  const sentencesOf = (key: string) => new Set(decisions.filter((d) => ref(d.candidate).key === key).flatMap((d) => d.candidate.occurrences.map((o) => o.sentence)));
  const inB = sentencesOf(b);
  const common = [...sentencesOf(a)].filter((s) => inB.has(s));
  return common.sort((x, y) => x.index - y.index)[0];
}
