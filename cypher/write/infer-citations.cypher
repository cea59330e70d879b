// (:Paper)-[:CITES {inferred: true}]->(:Paper) when a paper builds on, uses or compares to an entity
// that another paper introduces; computed for the given papers in both directions.
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
MERGE (src)-[c:CITES]->(dst)
ON CREATE SET c.inferred = true
RETURN count(c) AS citations
