// One breadth-first level of "what builds on it" for every walk in $walks ({root, frontier, visited}):
// the entities with a BUILDS_ON edge into the frontier that the walk has not reached yet, at most
// $first of them by (key, id), each with its edges into the frontier as evidence when $evidence
// (queries that do not select it skip reading it), or only which frontier entities those edges join
// when $ends (the explorer draws the edges and reads their sentences when a user opens one; it
// needs no aliases either).
// Only edges whose confidence reaches $minConfidence count (0 keeps every edge).
// Why it is bounded: each edge's byTarget is its target's id, then its source's key and id
// (write/merge-builds-on), and its range index lists a frontier entity's dependants already sorted.
// Per frontier entity the seek reads them in that order, skipping visited ones and parallel edges,
// and stops at $first; a hub that 17,000 entities build on costs what an entity with 50 does, and
// nothing is sorted but the frontier's few candidates.
// SEEK in the hint: on a small graph the planner otherwise may scan the whole index in order and
// filter it, which is cheap there but is not the bounded read this statement promises.
UNWIND $walks AS walk
UNWIND walk.frontier AS fid
CALL (walk, fid) {
  MATCH (e:Entity)-[b:BUILDS_ON]->()
  USING INDEX SEEK b:BUILDS_ON(byTarget)
  WHERE b.byTarget STARTS WITH fid + ' ' AND coalesce(b.confidence, 1.0) >= $minConfidence AND NOT e.id IN walk.visited
  WITH DISTINCT b.byTarget AS o, e
  LIMIT toInteger($first)
  RETURN e
}
WITH DISTINCT walk, e
ORDER BY e.key, e.id
WITH walk, collect(e)[..toInteger($first)] AS level
UNWIND level AS e
CALL (walk, e) {
  WITH walk, e WHERE $evidence OR $ends
  MATCH (e)-[r:BUILDS_ON]->(f:Entity)
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
