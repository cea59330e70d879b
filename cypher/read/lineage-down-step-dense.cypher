// lineage-down-step for frontiers with a huge fan-in (a hub that thousands of entities build on):
// instead of reading and sorting every dependant, walk all entities in key order on the entity_key
// index and keep those with an edge into the frontier, stopping at $first. The cost is about
// $first × entities / fan-in index entries, so it wins exactly when the expansion would lose.
UNWIND $walks AS walk
MATCH (f:Entity) WHERE f.id IN walk.frontier
WITH walk, collect(f) AS frontier
CALL (walk, frontier) {
  MATCH (e:Entity) USING INDEX e:Entity(key)
  WHERE e.key >= '' AND EXISTS { (e)-[:BUILDS_ON]->(f) WHERE f IN frontier } AND NOT e.id IN walk.visited
  WITH e
  ORDER BY e.key
  LIMIT toInteger($first)
  MATCH (e)-[r:BUILDS_ON]->(f) WHERE f IN frontier
  RETURN e, collect(r) AS hops
}
RETURN walk.root AS id, e {.id, .name, .kind, .key, .aliases, .topic} AS entity, COUNT { (e)<-[:BUILDS_ON]-() } AS fan,
       [r IN hops | {source: startNode(r).id, target: endNode(r).id, paper: r.paper, sentence: r.sentence, rule: r.rule, confidence: r.confidence,
                     field: r.field, start: r.start, end: r.end}] AS evidence
