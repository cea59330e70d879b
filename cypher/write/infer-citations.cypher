// (:Paper)-[:CITES {inferred: true}]->(:Paper) when a paper builds on, uses or compares to an entity
// that another paper introduces; computed for the given papers in both directions.
// Runs in its own transaction after the batch's facts are committed: a concurrent writer's batch is
// then either committed (and seen here) or will run this after us (and see ours), so no pair is
// missed, which one transaction with both could not promise. Pairs are MERGEd in id order so two
// such transactions lock the papers they link in the same order.
UNWIND $ids AS id
MATCH (p:Paper {id: id})
CALL (p) {
  MATCH (p)-[:USES|COMPARES_TO]->(:Entity)<-[:INTRODUCES]-(q:Paper)
  WHERE q <> p
  RETURN p AS src, q AS dst
  UNION
  MATCH (:Entity)-[b:BUILDS_ON {paper: p.id}]->(:Entity)<-[:INTRODUCES]-(q:Paper)
  WHERE q <> p
  RETURN p AS src, q AS dst
  UNION
  MATCH (p)-[:INTRODUCES]->(:Entity)<-[:USES|COMPARES_TO]-(q:Paper)
  WHERE q <> p
  RETURN q AS src, p AS dst
  UNION
  MATCH (p)-[:INTRODUCES]->(:Entity)<-[b:BUILDS_ON]-(:Entity)
  MATCH (q:Paper {id: b.paper})
  WHERE q <> p
  RETURN q AS src, p AS dst
}
WITH DISTINCT src, dst
ORDER BY src.id, dst.id
MERGE (src)-[c:CITES]->(dst)
ON CREATE SET c.inferred = true
RETURN count(c) AS citations
