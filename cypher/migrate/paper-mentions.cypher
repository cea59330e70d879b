// MENTIONS edges for papers written before they existed (see write/merge-mentions). Auto-commit, batched.
MATCH (p:Paper)
WHERE NOT coalesce(p.stub, false)
CALL (p) {
  CALL (p) {
    MATCH (p)-[:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e:Entity)
    RETURN e
    UNION
    MATCH (e:Entity)-[:BUILDS_ON {paper: p.id}]-(:Entity)
    RETURN e
  }
  MERGE (p)-[:MENTIONS]->(e)
} IN TRANSACTIONS OF 2000 ROWS
