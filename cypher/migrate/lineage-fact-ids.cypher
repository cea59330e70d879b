// factId on the BUILDS_ON edges of graphs written before fact ids existed (see migrate/fact-ids).
MATCH (a:Entity)-[r:BUILDS_ON]->(b:Entity)
WHERE r.factId IS NULL AND r.paper IS NOT NULL
CALL (a, r, b) {
  SET r.factId = r.paper + '|BUILDS_ON|' + a.id + '|' + b.id
} IN TRANSACTIONS OF 10000 ROWS
