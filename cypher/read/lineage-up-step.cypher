// One breadth-first level of "what it builds on", for every walk in $walks ({root, frontier, visited}):
// the entities that the frontier has a BUILDS_ON edge to that the walk has not reached yet, at most $first
// of them by key, each with the edges from the frontier as evidence and its own fan-out (for the next
// level's choice of plan). Expands from the frontier: the plan for frontiers with a modest fan-out.
UNWIND $walks AS walk
MATCH (f:Entity) WHERE f.id IN walk.frontier
WITH walk, collect(f) AS frontier
CALL (walk, frontier) {
  UNWIND frontier AS f
  MATCH (f)-[:BUILDS_ON]->(e:Entity)
  WHERE NOT e.id IN walk.visited
  WITH DISTINCT e
  ORDER BY e.key, e.id
  LIMIT toInteger($first)
  MATCH (f)-[r:BUILDS_ON]->(e) WHERE f IN frontier
  RETURN e, collect(r) AS hops
}
RETURN walk.root AS id, e {.id, .name, .kind, .key, .aliases, .topic} AS entity, COUNT { (e)-[:BUILDS_ON]->() } AS fan,
       [r IN hops | {source: startNode(r).id, target: endNode(r).id, paper: r.paper, sentence: r.sentence, rule: r.rule, confidence: r.confidence,
                     field: r.field, start: r.start, end: r.end}] AS evidence
