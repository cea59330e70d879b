// Recomputes every topic from the graph as it is: read papers, mentions and lineage, detect
// communities (pure, ./louvain), then replace the Topic nodes and memberships in one transaction.
import { run, type Db } from "../graph/db";
import { DEFAULT_TOPIC_OPTIONS, detectTopics, type Topic, type TopicLineageEdge, type TopicMention, type TopicOptions, type TopicPaper } from "./louvain";

export interface TopicSummary {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly entities: readonly string[];
}

/**
 * `techtree ingest` and `techtree up` recompute topics after writing only up to this many papers.
 * Topic detection holds a similarity row per paper in memory and its cost grows with the square of
 * how many papers share a phrase: on the bench corpus, 10,000 papers took more than 7 minutes and
 * 1 GB before we stopped it. Bigger graphs get topics from an explicit `techtree topics` (or
 * `ingest --topics`) when the user wants them, not as a side effect of every ingest.
 */
export const TOPICS_AUTO_MAX_PAPERS = 2_000;

export async function recomputeTopics(db: Db, opts: TopicOptions = DEFAULT_TOPIC_OPTIONS): Promise<TopicSummary[]> {
  const [papers, mentions, lineage] = await db.readTx(async (tx) => Promise.all([
    run<TopicPaper>(tx, "read/topic-input-papers"),
    run<TopicMention>(tx, "read/topic-input-mentions"),
    run<TopicLineageEdge>(tx, "read/topic-input-lineage"),
  ]));
  const topics = detectTopics({ papers, mentions, lineage }, opts);
  await db.writeTx(async (tx) => {
    await run(tx, "write/delete-topics");
    await run(tx, "write/clear-entity-topics");
    await run(tx, "write/merge-topics", { rows: topicRows(topics) });
    await run(tx, "write/merge-paper-topics", { rows: topics.flatMap((t) => t.papers.map((p) => ({ paper: p.paper, topic: t.id, weight: p.weight }))) });
    await run(tx, "write/set-entity-topics", { rows: topics.flatMap((t) => t.members.map((m) => ({ entity: m.entity, topic: t.id, weight: m.weight }))) });
  });
  return topics.map((t) => ({ id: t.id, name: t.name, size: t.size, entities: t.entities }));
}

function topicRows(topics: readonly Topic[]) {
  return topics.map((t, rank) => ({ id: t.id, name: t.name, size: t.size, rank, entities: [...t.entities], terms: [...t.terms] }));
}
