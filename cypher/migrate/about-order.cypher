// The topic sort key byTopic (see write/merge-paper-topics) on the ABOUT edges of graphs written
// before it existed. Auto-commit, batched.
MATCH (p:Paper)-[a:ABOUT]->(t:Topic)
WHERE a.byTopic IS NULL
CALL (p, a, t) {
  SET a.byTopic = t.id + ' ' + right('000000' + toString(1000000 - toInteger(round(1000000 * CASE WHEN a.weight > 1.0 THEN 1.0 WHEN a.weight < 0.0 THEN 0.0 ELSE coalesce(a.weight, 0.0) END))), 7) + ' ' + p.id
} IN TRANSACTIONS OF 10000 ROWS
