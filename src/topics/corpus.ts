// What topic detection knows about each paper, in typed arrays so a million papers fit in a few
// hundred megabytes: its strongest text phrases (tf-idf of title and abstract) and the entities it
// mentions, as sparse feature vectors whose dot product is the similarity of two papers.
//
// Papers are added one at a time (streamed from Neo4j in id order, which is a hash and so a random
// order). Phrase document frequencies come from the first SAMPLE papers, so the text is read once:
// those papers are held until the sample is complete, then every paper is vectorised as it comes.
//
// Similarity of two papers = cosine of their text vectors + for each entity both mention,
// 0.3 × idf × the weights of their roles (introducing counts more than running on it). A paper that
// builds on X and a paper that introduces X share the entity X, which links lineage too.
import { phrases } from "./text";

export interface CorpusMention {
  readonly entity: string;
  readonly name: string;
  readonly kind: string;
  /** INTRODUCES, USES, COMPARES_TO, EVALUATED_ON, or BUILDS_ON for an entity the paper's contribution builds on. */
  readonly type: string;
  /** Papers mentioning the entity in the whole graph (its MENTIONS degree). */
  readonly df: number;
}

export interface CorpusPaper {
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  readonly mentions: readonly CorpusMention[];
}

export const TYPE_WEIGHT: Readonly<Record<string, number>> = { INTRODUCES: 1, BUILDS_ON: 0.8, USES: 0.8, COMPARES_TO: 0.6, EVALUATED_ON: 0.3 };

/** Papers whose text sets the phrase document frequencies. */
export const SAMPLE = 20_000;
/** Buckets of the hashed phrase-frequency table (2^24 two-byte counters: 32 MB, briefly). */
const PHRASE_BUCKETS = 1 << 24;

/** FNV-1a over UTF-16 code units, folded to PHRASE_BUCKETS. */
function bucket(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0) & (PHRASE_BUCKETS - 1);
}

/** Text features kept per paper (its strongest phrases). */
export const TEXT_FEATURES = 32;

/** A growable typed array. */
class Grow<T extends Int32Array | Float32Array | Uint8Array> {
  length = 0;
  constructor(public data: T) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new (this.data.constructor as new (n: number) => T)(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

export class TopicCorpus {
  readonly ids: string[] = [];
  /** Phrases with a useful document frequency in the sample: feature ids 0..phraseCount-1. */
  readonly phraseNames: string[] = [];
  /** Entities: feature ids phraseCount + index. */
  readonly entityIds: string[] = [];
  readonly entityNames: string[] = [];
  readonly entityKinds: string[] = [];

  private readonly phraseIndex = new Map<string, number>();
  private readonly entityIndex = new Map<string, number>();
  private phraseDf: Map<string, number> | null = null;
  private sampleSize = 0;
  private pending: CorpusPaper[] = [];
  private frozen = false;

  // Per paper: text features (sorted by id) with weights and whether the phrase is in the title;
  // then its entity mentions (entity index, role weight).
  private readonly textOffsets = new Grow(new Int32Array(1024));
  private readonly textIds = new Grow(new Int32Array(1024));
  private readonly textWeights = new Grow(new Float32Array(1024));
  private readonly textInTitle = new Grow(new Uint8Array(1024));
  private readonly mentionOffsets = new Grow(new Int32Array(1024));
  private readonly mentionIds = new Grow(new Int32Array(1024));
  private readonly mentionRoles = new Grow(new Float32Array(1024));
  private readonly mentionKinds = new Grow(new Uint8Array(1024));

  /** totalPapers: how many papers the graph holds (the N of entity idf). */
  constructor(private readonly totalPapers: number, private readonly sample = SAMPLE) {
    this.textOffsets.push(0);
    this.mentionOffsets.push(0);
  }

  get size(): number {
    return this.ids.length;
  }

  get phraseCount(): number {
    return this.phraseNames.length;
  }

  add(paper: CorpusPaper): void {
    if (this.frozen) throw new Error("the corpus is complete; no paper can be added");
    if (this.phraseDf) {
      this.vectorise(paper);
      return;
    }
    this.pending.push(paper);
    if (this.pending.length >= this.sample) this.flushSample();
  }

  /** Ends the input: vectorises what the sample still holds. */
  finish(): this {
    if (!this.phraseDf) this.flushSample();
    this.frozen = true;
    return this;
  }

  /** Text features of paper i: ids (ascending), weights, title flags. */
  text(i: number): { ids: Int32Array; weights: Float32Array; inTitle: Uint8Array } {
    const a = this.textOffsets.data[i]!, b = this.textOffsets.data[i + 1]!;
    return { ids: this.textIds.data.subarray(a, b), weights: this.textWeights.data.subarray(a, b), inTitle: this.textInTitle.data.subarray(a, b) };
  }

  /** Entity mentions of paper i: entity indexes, role weights, and 1 where the entity is hardware. */
  mentions(i: number): { ids: Int32Array; roles: Float32Array; hardware: Uint8Array } {
    const a = this.mentionOffsets.data[i]!, b = this.mentionOffsets.data[i + 1]!;
    return { ids: this.mentionIds.data.subarray(a, b), roles: this.mentionRoles.data.subarray(a, b), hardware: this.mentionKinds.data.subarray(a, b) };
  }

  /** The weight an entity feature gets in the similarity (0 when it should link nothing). */
  entityWeight(df: number, role: number, hardware: boolean): number {
    const n = Math.max(this.totalPapers, this.size, 2);
    // An entity in one paper links nothing; one in a quarter of all papers (GPU) says nothing in particular.
    if (df < 2 || df > Math.max(2, n / 4)) return 0;
    const idf = Math.log(n / df) / Math.log(n);
    return Math.sqrt(0.3 * idf) * role * (hardware ? 0.3 : 1);
  }

  private readonly entityDf: number[] = [];

  /** The df the graph reported for entity index e. */
  dfOf(e: number): number {
    return this.entityDf[e] ?? 0;
  }

  private flushSample(): void {
    const sample = this.pending;
    this.pending = [];
    this.sampleSize = sample.length;
    // Document frequencies are counted in a hashed table first, so the million distinct phrases of a
    // big sample are never all held as strings at once; only those a useful number of documents
    // share become dictionary entries. A collision can only make a phrase look more frequent.
    const counts = new Uint16Array(PHRASE_BUCKETS);
    for (const p of sample) for (const t of new Set(phrases(docText(p)))) {
      const b = bucket(t);
      if (counts[b]! < 65535) counts[b]!++;
    }
    // A phrase in one document of the sample links nothing; one in a large share of them says nothing.
    const max = Math.max(this.sampleSize / 4, 4);
    const kept = new Map<string, number>();
    for (const p of sample) for (const t of phrases(docText(p))) {
      if (kept.has(t)) continue;
      const c = counts[bucket(t)]!;
      if (c >= 2 && c <= max) kept.set(t, c);
    }
    this.phraseDf = new Map([...kept].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
    for (const t of this.phraseDf.keys()) {
      this.phraseIndex.set(t, this.phraseNames.length);
      this.phraseNames.push(t);
    }
    for (let i = 0; i < sample.length; i++) {
      this.vectorise(sample[i]!);
      // Let each sampled paper go as soon as it is vectorised.
      (sample as (CorpusPaper | undefined)[])[i] = undefined;
    }
  }

  private vectorise(paper: CorpusPaper): void {
    this.ids.push(paper.id);
    // Text: sublinear tf × idf over title (twice) and abstract, L2-normalised, strongest kept.
    const counts = new Map<string, number>();
    for (const t of phrases(docText(paper))) counts.set(t, (counts.get(t) ?? 0) + 1);
    const titlePhrases = new Set(phrases(paper.title));
    const feats: [number, number, number][] = [];
    let norm = 0;
    for (const [t, tf] of counts) {
      const id = this.phraseIndex.get(t);
      if (id === undefined) continue;
      const w = (1 + Math.log(tf)) * Math.log(this.sampleSize / this.phraseDf!.get(t)!);
      feats.push([id, w, titlePhrases.has(t) ? 1 : 0]);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    const kept = feats.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, TEXT_FEATURES).sort((a, b) => a[0] - b[0]);
    for (const [id, w, title] of kept) {
      this.textIds.push(id);
      this.textWeights.push(w / norm);
      this.textInTitle.push(title);
    }
    this.textOffsets.push(this.textIds.length);

    // Entities: the strongest role per entity.
    const roles = new Map<number, number>();
    const hardware = new Set<number>();
    for (const m of paper.mentions) {
      let e = this.entityIndex.get(m.entity);
      if (e === undefined) {
        e = this.entityIds.length;
        this.entityIndex.set(m.entity, e);
        this.entityIds.push(m.entity);
        this.entityNames.push(m.name);
        this.entityKinds.push(m.kind);
        this.entityDf.push(m.df);
      }
      roles.set(e, Math.max(roles.get(e) ?? 0, TYPE_WEIGHT[m.type] ?? 0.5));
      if (m.kind === "Hardware") hardware.add(e);
    }
    for (const [e, role] of [...roles].sort((a, b) => a[0] - b[0])) {
      this.mentionIds.push(e);
      this.mentionRoles.push(role);
      this.mentionKinds.push(hardware.has(e) ? 1 : 0);
    }
    this.mentionOffsets.push(this.mentionIds.length);
  }
}

/** Title twice (titles say what a paper is about), then the abstract. */
function docText(p: { title: string; abstract: string }): string {
  return `${p.title}. ${p.title}. ${p.abstract}`;
}
