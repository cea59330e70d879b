// One breadth-first level of "what builds on it" for every walk in $walks ({root, frontier, visited}): the
// entities with a BUILDS_ON edge into the frontier that the walk has not reached yet, at most $first of them by key, each
// with its edges from or to the frontier as evidence when $evidence (queries that do not select it skip
// reading it). Two plans, picked per walk ($plan 'auto'; tests
// force 'expand' or 'scan'): a frontier with a modest fan-in is expanded and its candidates sorted;
// one with a huge fan-in (fan² > entities × first × 2: a hub that thousands of entities build on) is answered by
// walking all entities in key order on the entity_key index, keeping those linked to the frontier,
// until $first: about first × entities / fan index entries instead of fan edges. Only edges whose
// confidence reaches $minConfidence count (0 keeps every edge).
UNWIND $walks AS walk
MATCH (f:Entity) WHERE f.id IN walk.frontier
WITH walk, collect(f) AS frontier, sum(COUNT { (f)<-[:BUILDS_ON]-() }) AS fan
WITH walk, frontier, $plan = 'scan' OR ($plan = 'auto' AND fan * fan > COUNT { (:Entity) } * toInteger($first) * 2) AS dense
CALL (walk, frontier, dense) {
  WITH walk, frontier WHERE NOT dense
  UNWIND frontier AS f
  MATCH (e:Entity)-[b:BUILDS_ON]->(f)
  WHERE NOT e.id IN walk.visited AND coalesce(b.confidence, 1.0) >= $minConfidence
  WITH DISTINCT e
  ORDER BY e.key, e.id
  LIMIT toInteger($first)
  RETURN e
  UNION
  WITH walk, frontier WHERE dense
  // Nested, so the guard runs before the index walk (a hinted seek would otherwise run first).
  CALL (walk, frontier) {
    MATCH (e:Entity) USING INDEX e:Entity(key)
    WHERE e.key >= '' AND EXISTS { (e)-[b:BUILDS_ON]->(f) WHERE f IN frontier AND coalesce(b.confidence, 1.0) >= $minConfidence } AND NOT e.id IN walk.visited
    WITH e
    ORDER BY e.key
    LIMIT toInteger($first)
    RETURN e
  }
  RETURN e
}
CALL (e, frontier) {
  WITH e, frontier WHERE $evidence
  MATCH (e)-[r:BUILDS_ON]->(f) WHERE f IN frontier AND coalesce(r.confidence, 1.0) >= $minConfidence
  RETURN collect(r) AS hops
}
RETURN walk.root AS id, e {.id, .name, .kind, .key, .aliases, .topic} AS entity,
       [r IN hops | {source: startNode(r).id, target: endNode(r).id, paper: r.paper, sentence: r.sentence, rule: r.rule,
                     confidence: r.confidence, field: r.field, start: r.start, end: r.end, factId: r.factId, confirmed: r.confirmed}] AS evidence
