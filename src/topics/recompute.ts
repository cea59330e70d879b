// Topics over the graph as it is, at any size. recomputeTopics streams every paper from Neo4j in id
// order into a TopicCorpus (bounded memory: typed arrays, see ./corpus), detects topics (./detect)
// and writes them in batches of their own transactions. placeNewPapers puts the papers that arrived
// since (no ABOUT edge yet) into the existing topics by the topics' profiles, which is what an
// ingest does when most of the graph is already placed (./refresh decides).
import type { Db } from "../graph/db";
import { TopicCorpus, type CorpusPaper } from "./corpus";
import { buildTopics, DEFAULT_TOPIC_OPTIONS, entitySpecificity, type TopicOptions, type TopicResult } from "./detect";
import { phrases } from "./text";
import { TYPE_WEIGHT } from "./corpus";

export interface TopicSummary {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly entities: readonly string[];
}

/** Papers read per statement while streaming. */
const PAGE = 2_000;
/** Rows per write transaction. */
const WRITE_BATCH = 10_000;

/** Where a recompute spends its time (milliseconds), for progress lines and the benchmark. */
export interface TopicTimings {
  read: number;
  detect: number;
  write: number;
}

export async function recomputeTopics(db: Db, opts: TopicOptions = DEFAULT_TOPIC_OPTIONS, timings?: TopicTimings): Promise<TopicSummary[]> {
  let t = Date.now();
  const lap = (phase: keyof TopicTimings) => {
    const now = Date.now();
    if (timings) timings[phase] += now - t;
    t = now;
  };
  const [coverage] = await db.read<{ papers: number }>("read/topic-coverage");
  const corpus = new TopicCorpus(coverage?.papers ?? 0);
  await streamPapers(db, "read/topic-input-page", (p) => corpus.add(p));
  corpus.finish();
  lap("read");
  const result = buildTopics(corpus, opts);
  lap("detect");
  await writeTopics(db, result);
  lap("write");
  return result.topics.map((t) => ({ id: t.id, name: t.name, size: t.size, entities: t.entities }));
}

/** Pages of papers in id order; the next page is already being read while this one is processed. */
async function streamPapers(db: Db, name: "read/topic-input-page" | "read/topic-unassigned-page", each: (p: CorpusPaper) => void): Promise<void> {
  let next = db.read<CorpusPaper>(name, { after: "", limit: PAGE });
  for (;;) {
    const page = await next;
    if (page.length === 0) return;
    if (page.length === PAGE) next = db.read<CorpusPaper>(name, { after: page[page.length - 1]!.id, limit: PAGE });
    else next = Promise.resolve([]);
    // Mentions come in the order their edges were stored, which concurrent writers change; topics
    // must depend on the graph's content only, so each paper's mentions are put in one order first.
    for (const p of page) each({ ...p, mentions: [...p.mentions].sort((a, b) => cmp(a.entity, b.entity) || cmp(a.type, b.type)) });
  }
}

async function writeTopics(db: Db, result: TopicResult): Promise<void> {
  // Memberships go in batches first: a million ABOUT edges would not fit one transaction.
  await db.autoCommit("write/delete-topic-memberships");
  await db.write("write/delete-topics");
  const profiles = new Map(result.profiles.map((p) => [p.topic, p]));
  await db.write("write/merge-topics", {
    rows: result.topics.map((t, rank) => ({
      id: t.id, name: t.name, size: t.size, rank, entities: [...t.entities], terms: [...t.terms],
      features: [...(profiles.get(t.id)?.features ?? [])], weights: [...(profiles.get(t.id)?.weights ?? [])],
    })),
  });
  await inBatches(db, "write/merge-paper-topics", function* () {
    for (const t of result.topics) for (const p of t.papers) yield { paper: p.paper, topic: t.id, weight: p.weight };
  }());
  const member = new Map<string, { topic: string; weight: number }>();
  for (const t of result.topics) for (const m of t.members) member.set(m.entity, { topic: t.id, weight: m.weight });
  await inBatches(db, "write/set-entity-topics", function* () {
    for (const s of result.specificity) yield { entity: s.entity, topic: member.get(s.entity)?.topic ?? null, weight: member.get(s.entity)?.weight ?? null, bits: s.bits };
  }());
}

/**
 * Rows in batches of WRITE_BATCH, each its own transaction, made as they are written. Each takes the
 * corrections' lock first (Db.writeInTurn): these lock papers (ABOUT) or entities (their topic) in
 * topic or specificity order, corrections and ingest batches in theirs, so without it a merge
 * holding one paper or entity and a batch of memberships holding another each waited for the other.
 * The statements that write Topic nodes only (merge-topics, add-topic-sizes, delete-topics) lock
 * nothing a correction or batch locks, and take no such lock.
 */
async function inBatches(db: Db, name: "write/merge-paper-topics" | "write/set-entity-topics" | "write/place-entity-topics", rows: Iterable<unknown>): Promise<void> {
  let batch: unknown[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === WRITE_BATCH) {
      await db.writeInTurn(name, { rows: batch });
      batch = [];
    }
  }
  if (batch.length) await db.writeInTurn(name, { rows: batch });
}

/**
 * Places every paper no topic holds yet into the topic whose profile it matches best (the sum over
 * shared features of the paper's term frequency or role times the profile weight). Papers sharing
 * nothing with any profile stay unplaced until topics are recomputed. Returns how many were placed.
 */
export async function placeNewPapers(db: Db): Promise<number> {
  const profiles = await db.read<{ id: string; features: string[]; weights: number[] }>("read/topic-profiles");
  if (profiles.length === 0) return 0;
  const index = new Map<string, { topic: number; weight: number }[]>();
  profiles.forEach((p, t) => p.features.forEach((f, k) => {
    const list = index.get(f) ?? [];
    list.push({ topic: t, weight: p.weights[k] ?? 0 });
    index.set(f, list);
  }));
  const placed: { paper: string; topic: string; weight: number }[] = [];
  const entityTopics = new Map<string, Map<number, number>>();
  const hardware = new Set<string>();
  await streamPapers(db, "read/topic-unassigned-page", (p) => {
    const scores = new Float64Array(profiles.length);
    const tf = new Map<string, number>();
    for (const t of phrases(`${p.title}. ${p.title}. ${p.abstract}`)) tf.set(`p:${t}`, (tf.get(`p:${t}`) ?? 0) + 1);
    const features: [string, number][] = [...tf].map(([f, n]) => [f, 1 + Math.log(n)]);
    for (const m of p.mentions) features.push([`e:${m.entity}`, TYPE_WEIGHT[m.type] ?? 0.5]);
    for (const [f, w] of features) for (const hit of index.get(f) ?? []) scores[hit.topic]! += w * hit.weight;
    let best = -1, total = 0;
    scores.forEach((s, t) => {
      total += s;
      if (s > 0 && (best < 0 || s > scores[best]!)) best = t;
    });
    if (best < 0) return;
    placed.push({ paper: p.id, topic: profiles[best]!.id, weight: Math.max(0.01, Math.round((scores[best]! / total) * 1000) / 1000) });
    for (const m of p.mentions) {
      const counts = entityTopics.get(m.entity) ?? new Map<number, number>();
      counts.set(best, (counts.get(best) ?? 0) + 1);
      entityTopics.set(m.entity, counts);
      if (m.kind === "Hardware") hardware.add(m.entity);
    }
  });
  if (placed.length === 0) return 0;
  await inBatches(db, "write/merge-paper-topics", placed);
  const added = new Map<string, number>();
  for (const p of placed) added.set(p.topic, (added.get(p.topic) ?? 0) + 1);
  await db.write("write/add-topic-sizes", { rows: [...added].map(([topic, n]) => ({ topic, added: n })) });
  // Entities seen for the first time get a topic and a specificity from these papers alone.
  const [coverage] = await db.read<{ papers: number; placed: number }>("read/topic-coverage");
  const sizes = await db.read<{ topic: { size: number } }>("read/topics", { first: profiles.length });
  const prior = sizes.map((s) => s.topic.size / Math.max(1, coverage?.placed ?? 1));
  await inBatches(db, "write/place-entity-topics", [...entityTopics].map(([entity, counts]) => {
    let best = 0, bestN = -1, n = 0;
    for (const [t, c] of counts) {
      n += c;
      if (c > bestN) [best, bestN] = [t, c];
    }
    return {
      entity,
      topic: hardware.has(entity) ? null : profiles[best]!.id,
      weight: hardware.has(entity) ? null : Math.round((bestN / n) * 1000) / 1000,
      bits: entitySpecificity(counts, n, prior),
    };
  }));
  return placed.length;
}

/** Code-unit order, the same in every process whatever its locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
