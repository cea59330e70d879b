// After facts of the given entities were removed, moved or added by a correction: each paper
// MENTIONS an entity exactly when one of its facts or stated lineage edges names it (as
// write/merge-mentions makes them at ingest).
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (p:Paper)-[m:MENTIONS]->(e)
  WHERE NOT (p)-[:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e)
    AND NOT EXISTS { MATCH (e)-[b:BUILDS_ON]-(:Entity) WHERE b.paper = p.id }
  DELETE m
}
CALL (e) {
  MATCH (p:Paper)-[:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e)
  MERGE (p)-[:MENTIONS]->(e)
}
CALL (e) {
  MATCH (e)-[b:BUILDS_ON]-(:Entity)
  MATCH (p:Paper {id: b.paper})
  MERGE (p)-[:MENTIONS]->(e)
}
