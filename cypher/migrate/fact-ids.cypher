// factId (src/domain/curation.ts) on the fact edges of graphs written before fact ids existed: the
// public name of a fact, which corrections refer to. Auto-commit, batched.
MATCH (p:Paper)-[r:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e:Entity)
WHERE r.factId IS NULL
CALL (p, r, e) {
  SET r.factId = p.id + '|' + r.fact + '|' + e.id
} IN TRANSACTIONS OF 10000 ROWS
