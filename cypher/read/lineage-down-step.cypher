// One breadth-first level of "what builds on it", for every walk in $walks ({root, frontier, visited}):
// the entities with a BUILDS_ON edge into the frontier that the walk has not reached yet, at most $first
// of them by key, each with its edges into the frontier as evidence and its own fan-in (for the next
// level's choice of plan). Expands from the frontier: the plan for frontiers with a modest fan-in.
UNWIND $walks AS walk
MATCH (f:Entity) WHERE f.id IN walk.frontier
WITH walk, collect(f) AS frontier
CALL (walk, frontier) {
  UNWIND frontier AS f
  MATCH (e:Entity)-[:BUILDS_ON]->(f)
  WHERE NOT e.id IN walk.visited
  WITH DISTINCT e
  ORDER BY e.key, e.id
  LIMIT toInteger($first)
  MATCH (e)-[r:BUILDS_ON]->(f) WHERE f IN frontier
  RETURN e, collect(r) AS hops
}
RETURN walk.root AS id, e {.id, .name, .kind, .key, .aliases, .topic} AS entity, COUNT { (e)<-[:BUILDS_ON]-() } AS fan,
       [r IN hops | {source: startNode(r).id, target: endNode(r).id, paper: r.paper, sentence: r.sentence, rule: r.rule, confidence: r.confidence,
                     field: r.field, start: r.start, end: r.end}] AS evidence
