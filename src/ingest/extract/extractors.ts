// One small extractor per fact kind, listed in one frozen registry. Each reads the shared
// Context and returns draft facts; index.ts adds evidence and confidence.
import type { Claim, FactKind } from "../../domain";
import type { Context, Entity, Mention } from "./analyze";
import { parseClaim } from "./claims";
import { objectsIn, tagObjectTexts } from "./objects";
import { nameKey } from "../../domain";
import type { Sentence } from "./sentences";
import { BUILD_TRIGGERS, CLAUSE_END, COMPARE_TRIGGERS, CONTRAST_OPEN, CRITICISM, MAIN_CLAUSE, SELF, type Trigger } from "./triggers";

export interface Draft {
  readonly kind: FactKind;
  readonly entity: Entity;
  readonly sentence: Sentence;
  readonly rule: string;
  readonly mention: string;
  readonly claim?: Claim;
}

export type Extractor = (ctx: Context) => Draft[];

const isIntroduced = (ctx: Context, e: Entity) => ctx.introduced.some((i) => i.entity === e);

/**
 * The form a reader writes: the canonical name when the text also uses it ("GPU memory" ... "GPU")
 * or when the text form carries an inline acronym ("key-value (KV) cache"), else the text form.
 */
function surface(ctx: Context, m: Mention): string {
  if (m.text.includes("(")) return m.entity.name;
  const canonical = ctx.mentions.some((x) => x.entity === m.entity && x.text.toLowerCase().replace(/s$/, "") === m.entity.name.toLowerCase());
  return canonical ? m.entity.name : m.text;
}

/** Mentions of a kind, once per entity, in text order. */
function byKind(ctx: Context, kind: FactKind, entityKind: Entity["kind"]): Draft[] {
  const out: Draft[] = [];
  for (const m of ctx.mentions) {
    if (m.entity.kind !== entityKind || m.entity.generic || isIntroduced(ctx, m.entity)) continue;
    if (m.source === "coined" && entityKind !== "Model") continue;
    const rule = m.source === "coined" ? `${kind}:shape` : `${kind}:${m.source}`;
    out.push({ kind, entity: m.entity, sentence: m.sentence, rule, mention: surface(ctx, m) });
  }
  return out;
}

interface Reach {
  readonly rule: string;
  readonly start: number;
  readonly end: number;
}

/** Where the setting of a measurement starts after a comparison's objects ("… by 2.1x on A100 GPUs"). */
const SETTING = /\s(?:by\s+(?:up\s+to\s+|over\s+|about\s+|nearly\s+|~)?[\d.]+\s*(?:x|×|%|times|-fold)?\s+)?(?:on|using|across|under|when\s+running|in\s+terms\s+of)\s+(?:the\s+|a\s+|an\s+|\d+\s+|several\s+|multiple\s+|various\s+|both\s+|all\s+)?(?=[\p{Lu}\d])/u;

/** Spans of a sentence (field offsets) that a trigger table points at. */
function reaches(s: Sentence, triggers: readonly Trigger[], names: readonly string[] = []): Reach[] {
  const out: Reach[] = [];
  for (const t of triggers) {
    t.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = t.re.exec(s.text))) {
      const from = m.index + m[0].length;
      let to = s.text.length;
      if (t.reach === "phrase") {
        const c = s.text.slice(from).search(/[,;:]\s|\.\s|\s(?:and|while|which)\s/);
        if (c >= 0) to = from + c;
      } else {
        CLAUSE_END.lastIndex = from;
        const c = CLAUSE_END.exec(s.text);
        if (c) to = c.index;
      }
      if (t.rule.startsWith("compare:") && t.reach === "clause") {
        // "outperforms A by 2.1x on A100 GPUs with Llama-2-13B": the baselines end where the setting of
        // the measurement starts (a benchmark, hardware or model the comparison was run on).
        const c = s.text.slice(from, to).search(SETTING);
        if (c > 0) to = from + c;
      }
      if (t.stop && /(?:such\s+as|like|including)$/i.test(m[0])) {
        const c = s.text.slice(from, to).search(t.stop);
        if (c >= 0) to = from + c;
      }
      // "Compared with A and B, X achieves ...": the reach of a leading phrase ends where the main clause starts.
      if (/^(?:[\p{L}]+,\s+)?$/u.test(s.text.slice(0, m.index))) {
        MAIN_CLAUSE.lastIndex = from;
        const c = MAIN_CLAUSE.exec(s.text);
        if (c && c.index < to) to = c.index;
        for (const name of names) {
          const i = s.text.indexOf(`, ${name}`, from);
          if (i >= 0 && i < to) to = i;
        }
      }
      out.push({ rule: t.rule, start: s.start + from, end: s.start + to });
    }
  }
  return out;
}

/**
 * Acronym-defined names that are tasks, fields or measures, not techniques ("click-through rate (CTR)",
 * "multivariate time series classification (MTSC)", "floating point operations (FLOPs)"): no bare-mention fact.
 */
const TASKLIKE = /\b(?:rate|classification|prediction|recognition|generation|detection|segmentation|intelligence|games?|operations|models?|learning|processing|understanding|answering|retrieval|search|translation|synthesis|enhancement|recommendation|forecasting|evaluation|benchmark|distribution|accuracy|latency|throughput|metric|score|languages?|vision|systems?|tasks?|problems?)$/i;

const ownNames = (ctx: Context) => ctx.introduced.map((i) => i.entity.name);

const inReach = (m: Mention, r: readonly Reach[]) => r.find((x) => m.start >= x.start && m.end <= x.end);

const RELATION_KINDS = new Set<Entity["kind"]>(["Technique", "Model"]);

/** Variant switches for measuring the object rules (docs/extraction.md); fixed in production. */
export const OBJECT_OPTS = { phrases: true, replace: true, oldReach: true, criticised: true };

/** An object phrase without a known name in it: worth a fact only when it is name-like. */
function phraseEntity(ctx: Context, text: string, local: Map<string, Entity>): Entity | null {
  const words = text.split(/\s+/);
  if (words.length === 1 && !/\p{Lu}|\p{L}-\p{L}|\d/u.test(text)) return null;
  const key = nameKey(text);
  if (!key) return null;
  const known = ctx.entities.get(key) ?? local.get(key);
  if (known) return known;
  const e: Entity = { kind: "Technique", name: text, key, aliases: [], generic: false, fromVocabulary: false };
  local.set(key, e);
  return e;
}

/**
 * A named prior method criticised before the paper's own proposal: "However, Cross-Encoder
 * repeatedly encodes ...", "Ring-Attention faces significant limitations", "Existing solutions,
 * such as dynamic batching and concurrent instances, introduce significant delays".
 * The subject stretch of each such sentence, when a relation name is in it.
 */
function criticismStretches(ctx: Context): Array<{ s: Sentence; from: number; text: string }> {
  const out: Array<{ s: Sentence; from: number; text: string }> = [];
  for (const s of ctx.sentences) {
    if (s.field !== "abstract") continue;
    if (SELF.test(s.text) || ctx.introduced.some((i) => s.text.includes(i.entity.name))) break;
    const open = CONTRAST_OPEN.exec(s.text);
    const neg = CRITICISM.exec(s.text);
    if (!open && !neg) continue;
    const from = open ? open[0].length : 0;
    const to = neg ? neg.index : Math.min(s.text.length, from + 80);
    if (to <= from) continue;
    const named = ctx.mentions.some((m) => m.sentence === s && m.start >= s.start + from && m.end <= s.start + to && RELATION_KINDS.has(m.entity.kind) && !m.entity.generic);
    if (named) out.push({ s, from, text: s.text.slice(from, to) });
  }
  return out;
}

const SUBJECT_LEAD = /^(?:\s*(?:the|existing|conventional|current|prior|previous|standard|popular|mainstream|traditional))*\s*$/i;
const EXAMPLE_LEAD = /^[^,;()]{0,60}(?:,\s*|\s)(?:such\s+as|like|including|e\.g\.,?)\s+(?:[^,;()]{0,40}(?:,\s*|\s+and\s+|\s+or\s+))?$/i;

const SUBJECT_TAIL = /^(?:\s*[,;(:]|\s+(?:is|are|was|were|has|have|had|can|cannot|could|does|do|did|still|often|also|typically|usually|only|and|or|[\p{Ll}]+(?:s|ed))\b|\s*$)/u;

function criticised(ctx: Context, c: { s: Sentence; from: number; text: string }): Draft[] {
  const out: Draft[] = [];
  const { s, from } = c;
  const a = s.start + from;
  const b = a + c.text.length;
  // The subject stretch is short ("However, X ...", "X, the mainstream solution, is inefficient"):
  // its named prior methods are read without the tagger.
  for (const m of ctx.mentions) {
    if (m.sentence !== s || m.start < a || m.end > b) continue;
    if (!RELATION_KINDS.has(m.entity.kind) || m.entity.generic || isIntroduced(ctx, m.entity)) continue;
    // The subject itself, or an example of it: "However, X ...", "Existing solutions, such as X and Y, ...".
    const lead = s.text.slice(from, m.start - s.start);
    if (!SUBJECT_LEAD.test(lead) && !EXAMPLE_LEAD.test(lead)) continue;
    // ... and the name ends its noun phrase ("BERT-based models", "ERG research" are other subjects).
    if (!SUBJECT_TAIL.test(s.text.slice(m.end - s.start, m.end - s.start + 30))) continue;
    out.push({ kind: "compares_to", entity: m.entity, sentence: s, rule: "compare:criticised", mention: surface(ctx, m) });
  }
  return out;
}

function compares(ctx: Context): Draft[] {
  const out: Draft[] = [];
  const local = new Map<string, Entity>();
  // Pass 1: every stretch the compromise tagger must read, tagged in one call for the paper.
  const cues: Array<{ s: Sentence; r: Reach[]; base: number; text: string }> = [];
  for (const s of ctx.sentences) {
    const r = reaches(s, COMPARE_TRIGGERS, ownNames(ctx));
    if (r.length === 0) continue;
    const base = Math.min(...r.map((x) => x.start));
    const text = s.text.slice(base - s.start, Math.min(Math.max(...r.map((x) => x.end)), base + 300) - s.start);
    cues.push({ s, r, base, text });
  }
  const crit = OBJECT_OPTS.criticised ? criticismStretches(ctx) : [];
  const tagged = OBJECT_OPTS.phrases ? tagObjectTexts(cues.map((c) => c.text)) : [];
  for (const c of crit) out.push(...criticised(ctx, c));
  cues.forEach(({ s, r, base, text }, ci) => {
    const claim = parseClaim(s.text);
    const inObject = new Set<Mention>();
    const sentenceMentions = ctx.mentions.filter((m) => m.sentence === s);
    if (OBJECT_OPTS.phrases) {
      for (const hit of r) {
        const from = hit.start - base;
        for (const o0 of objectsIn(text, tagged[ci]!, from, Math.min(hit.end - base, from + 200))) {
          const o = { ...o0, start: o0.start - from, end: o0.end - from };
          // "we improve X" compares only to a named X ("we improve throughput" names nothing).
          if (hit.rule === "compare:improves" && !sentenceMentions.some((m) => m.start === hit.start + o.start && m.end === hit.start + o.end && /\p{Lu}/u.test(m.text))) continue;
          const a = hit.start + o.start;
          const b = hit.start + o.end;
          const inside = sentenceMentions.filter((m) => m.start >= a && m.end <= b);
          const exact = inside.find((m) => m.start === a && m.end === b);
          if (exact || (inside.length > 0 && !OBJECT_OPTS.replace)) {
            for (const m of inside) {
              inObject.add(m);
              if (!RELATION_KINDS.has(m.entity.kind) || isIntroduced(ctx, m.entity)) continue;
              out.push({ kind: "compares_to", entity: m.entity, sentence: s, rule: `${hit.rule}`, mention: surface(ctx, m), ...(claim ? { claim } : {}) });
            }
            continue;
          }
          // "GPU-only solutions" is a baseline; a phrase around the paper's own name or a dataset is not.
          if (inside.some((m) => isIntroduced(ctx, m.entity) || !(RELATION_KINDS.has(m.entity.kind) || m.entity.kind === "Hardware"))) continue;
          const e = phraseEntity(ctx, o.text, local);
          if (!e || isIntroduced(ctx, e) || !RELATION_KINDS.has(e.kind)) continue;
          for (const m of inside) inObject.add(m);
          out.push({ kind: "compares_to", entity: e, sentence: s, rule: `${hit.rule}:phrase`, mention: o.text, ...(claim ? { claim } : {}) });
        }
      }
    }
    if (!OBJECT_OPTS.oldReach) return;
    for (const m of sentenceMentions) {
      if (inObject.has(m) || !RELATION_KINDS.has(m.entity.kind) || isIntroduced(ctx, m.entity)) continue;
      const hit = inReach(m, r.filter((x) => x.rule !== "compare:improves"));
      if (!hit) continue;
      // A coined token no vocabulary knows counts only as a chunked object ("for Chest CT", "in FINK" do not).
      if (OBJECT_OPTS.phrases && m.source === "coined") continue;
      // "outperforms LLMs of its size": a generic name counts only as the object of the cue.
      if (m.entity.generic && (OBJECT_OPTS.phrases || m.start - hit.start > 25)) continue;
      out.push({ kind: "compares_to", entity: m.entity, sentence: s, rule: hit.rule, mention: surface(ctx, m), ...(claim ? { claim } : {}) });
    }
  });
  return out;
}

function buildsOn(ctx: Context): Draft[] {
  const out: Draft[] = [];
  for (const s of ctx.sentences) {
    const cr = reaches(s, COMPARE_TRIGGERS, ownNames(ctx));
    const br = reaches(s, BUILD_TRIGGERS, ownNames(ctx));
    const own = s.field === "title" || SELF.test(s.text) || ctx.introduced.some((i) => s.text.includes(i.entity.name));
    for (const m of ctx.mentions) {
      const c = inReach(m, cr.filter((x) => x.rule !== "compare:improves"));
      // "we improve DiLoCo" both builds on and compares to it; other comparisons do not build.
      if (m.sentence !== s || isIntroduced(ctx, m.entity) || c) continue;
      const hit = inReach(m, br);
      if (m.entity.kind === "Model") {
        if (hit && own && hit.rule === "builds:based-on") {
          out.push({ kind: "builds_on", entity: m.entity, sentence: s, rule: `${hit.rule}:model`, mention: surface(ctx, m) });
        }
        continue;
      }
      if (m.entity.kind !== "Technique") continue;
      // "click-through rate (CTR)": a task or measure the text defines is not built on, trigger or not.
      const tasklike = !m.entity.fromVocabulary && TASKLIKE.test(m.entity.name);
      if (hit && tasklike) continue;
      if (hit && (own || !m.entity.generic) && m.source !== "coined" && !(m.entity.generic && hit.rule === "builds:fine-tunes")) {
        out.push({ kind: "builds_on", entity: m.entity, sentence: s, rule: m.entity.generic ? `${hit.rule}:generic` : hit.rule, mention: surface(ctx, m) });
      } else if (!m.entity.generic && m.source !== "coined" && (m.entity.fromVocabulary || !TASKLIKE.test(m.entity.name))) {
        out.push({ kind: "builds_on", entity: m.entity, sentence: s, rule: own ? "builds:mention-own" : "builds:mention", mention: surface(ctx, m) });
      }
    }
  }
  return out;
}

function introduces(ctx: Context): Draft[] {
  return ctx.introduced.map((i) => ({ kind: "introduces" as const, entity: i.entity, sentence: i.sentence, rule: i.rule, mention: i.mention }));
}

export const EXTRACTORS: Readonly<Record<FactKind, Extractor>> = Object.freeze({
  introduces,
  builds_on: buildsOn,
  compares_to: compares,
  hardware: (ctx: Context) => byKind(ctx, "hardware", "Hardware"),
  datasets: (ctx: Context) => byKind(ctx, "datasets", "Dataset"),
  models: (ctx: Context) => byKind(ctx, "models", "Model"),
});
