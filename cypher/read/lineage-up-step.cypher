// One breadth-first level of "what it builds on" for every walk in $walks ({root, frontier, visited}):
// the entities the frontier has a BUILDS_ON edge to that the walk has not reached yet, at most
// $first of them by (key, id), each with its edges from the frontier as evidence when $evidence
// (queries that do not select it skip reading it), or only which frontier entities those edges join
// when $ends (the explorer draws the edges and reads their sentences when a user opens one; it
// needs no aliases either).
// Only edges whose confidence reaches $minConfidence count (0 keeps every edge).
// Why it is bounded: each edge's bySource is its source's id, then its target's key and id
// (write/merge-builds-on), and its range index lists what a frontier entity builds on already
// sorted; per frontier entity the seek stops at $first, however many it builds on.
// SEEK in the hint: on a small graph the planner otherwise may scan the whole index in order and
// filter it, which is cheap there but is not the bounded read this statement promises.
UNWIND $walks AS walk
UNWIND walk.frontier AS fid
CALL (walk, fid) {
  MATCH ()-[b:BUILDS_ON]->(e:Entity)
  USING INDEX SEEK b:BUILDS_ON(bySource)
  WHERE b.bySource STARTS WITH fid + ' ' AND coalesce(b.confidence, 1.0) >= $minConfidence AND NOT e.id IN walk.visited
  WITH DISTINCT b.bySource AS o, e
  LIMIT toInteger($first)
  RETURN e
}
WITH DISTINCT walk, e
ORDER BY e.key, e.id
WITH walk, collect(e)[..toInteger($first)] AS level
UNWIND level AS e
CALL (walk, e) {
  WITH walk, e WHERE $evidence OR $ends
  MATCH (f:Entity)-[r:BUILDS_ON]->(e)
  WHERE f.id IN walk.frontier AND coalesce(r.confidence, 1.0) >= $minConfidence
  WITH CASE WHEN $evidence
         THEN {source: startNode(r).id, target: endNode(r).id, paper: r.paper, sentence: r.sentence, rule: r.rule,
               confidence: r.confidence, field: r.field, start: r.start, end: r.end, factId: r.factId, confirmed: r.confirmed}
         ELSE {source: startNode(r).id, target: endNode(r).id} END AS hop
  RETURN collect(DISTINCT hop) AS evidence
}
// A walk for ends only draws its entities: it reads no aliases.
RETURN walk.root AS id,
       CASE WHEN $ends THEN e {.id, .name, .kind, .key, .topic} ELSE e {.id, .name, .kind, .key, .aliases, .topic} END AS entity,
       evidence
