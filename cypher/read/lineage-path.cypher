// The shortest BUILDS_ON path from $from to $to (FORWARD), else from $to to $from (BACKWARD),
// at most 10 hops, with every edge between consecutive entities as the evidence of that hop.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
OPTIONAL MATCH fwd = shortestPath((a)-[:BUILDS_ON*1..10]->(b))
OPTIONAL MATCH bwd = shortestPath((b)-[:BUILDS_ON*1..10]->(a))
WITH CASE WHEN fwd IS NOT NULL THEN fwd ELSE bwd END AS path, fwd IS NOT NULL AS forward
WHERE path IS NOT NULL
WITH forward, nodes(path) AS ns
UNWIND range(0, size(ns) - 2) AS i
WITH forward, ns, i, ns[i] AS x, ns[i + 1] AS y
CALL (x, y) {
  MATCH (x)-[r:BUILDS_ON]->(y)
  WITH r ORDER BY r.confidence DESC, r.paper
  RETURN collect(r {.paper, .sentence, .rule, .confidence, .field, .start, .end, .factId, .confirmed}) AS evidence
}
WITH forward, ns, i, x, y, evidence
ORDER BY i
RETURN CASE WHEN forward THEN 'FORWARD' ELSE 'BACKWARD' END AS direction,
       [n IN ns | n {.id, .name, .kind, .key, .aliases}] AS entities,
       collect({from: x {.id, .name, .kind, .key, .aliases}, to: y {.id, .name, .kind, .key, .aliases}, evidence: evidence}) AS hops
