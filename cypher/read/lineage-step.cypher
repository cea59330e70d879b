// One breadth-first level of every walk in $walks ({root, direction, frontier, visited}); a walk's
// direction is 'up' ("what it builds on": the entities its frontier has a BUILDS_ON edge to) or
// 'down' ("what builds on it": the entities with a BUILDS_ON edge into its frontier). Both
// directions are one statement so that a walk both ways (the explorer's view) costs one round trip
// and one statement's fixed cost per level, not two (each statement costs Neo4j and the driver
// about half a millisecond of CPU before it reads anything: docs/benchmarks.md).
// Per walk: the entities the walk has not reached yet, at most $first of them by (key, id), each
// with its edges from (up) or into (down) the frontier as evidence when $evidence (queries that do
// not select it skip reading it), or only which frontier entities those edges join when $ends (the
// explorer draws the edges and reads their sentences when a user opens one; it needs no aliases
// either). Only edges whose confidence reaches $minConfidence count (0 keeps every edge).
// Why it is bounded: each edge's bySource is its source's id, then its target's key and id, and its
// byTarget the other way round (write/merge-builds-on); their range indexes list what a frontier
// entity builds on, or its dependants, already sorted. Per frontier entity the seek reads them in
// that order, skipping visited ones and parallel edges, and stops at $first: a hub that 17,000
// entities build on costs what an entity with 50 does, and nothing is sorted but the frontier's few
// candidates. Only the seek of the walk's direction reads anything: the other one's prefix is null
// (a WHERE on the direction would be applied after the seek, which then read all the dependants of
// the frontier for nothing: 1,039 db hits instead of 660 for the bench's view).
// SEEK in the hints: on a small graph the planner otherwise may scan the whole index in order and
// filter it, which is cheap there but is not the bounded read this statement promises.
UNWIND $walks AS walk
UNWIND walk.frontier AS fid
CALL (walk, fid) {
  MATCH ()-[b:BUILDS_ON]->(e:Entity)
  USING INDEX SEEK b:BUILDS_ON(bySource)
  WHERE b.bySource STARTS WITH CASE walk.direction WHEN 'up' THEN fid + ' ' END AND coalesce(b.confidence, 1.0) >= $minConfidence AND NOT e.id IN walk.visited
  WITH DISTINCT b.bySource AS o, e
  LIMIT toInteger($first)
  RETURN collect(e) AS up
}
CALL (walk, fid) {
  MATCH (e:Entity)-[b:BUILDS_ON]->()
  USING INDEX SEEK b:BUILDS_ON(byTarget)
  WHERE b.byTarget STARTS WITH CASE walk.direction WHEN 'down' THEN fid + ' ' END AND coalesce(b.confidence, 1.0) >= $minConfidence AND NOT e.id IN walk.visited
  WITH DISTINCT b.byTarget AS o, e
  LIMIT toInteger($first)
  RETURN collect(e) AS down
}
UNWIND up + down AS e
WITH DISTINCT walk, e
ORDER BY e.key, e.id
WITH walk, collect(e)[..toInteger($first)] AS level
// The hops that reach the level. Up, for ends only (the explorer's view), from the side with few
// edges: what an entity builds on is a handful of edges, while what builds on it may be 17,000
// (expanding those from a hub that an up walk reached cost 52,669 db hits for a level of three
// entities, against 40 this way); read once per walk. With $evidence the up hops are still read
// from the level entity's side: the sentences come out in that order, which the lineage fields
// answer with (reading from the frontier's side would reorder a hop's sentences).
CALL (walk, level) {
  WITH walk, level WHERE $ends AND NOT $evidence AND walk.direction = 'up'
  UNWIND walk.frontier AS fid
  MATCH (f:Entity {id: fid})-[r:BUILDS_ON]->(e)
  WHERE e IN level AND coalesce(r.confidence, 1.0) >= $minConfidence
  RETURN collect(r) AS upEnds
}
UNWIND level AS e
CALL (walk, e, upEnds) {
  CALL (walk, e, upEnds) {
    UNWIND [r IN upEnds WHERE endNode(r) = e] AS r
    RETURN r
    UNION ALL
    WITH walk, e WHERE $evidence AND walk.direction = 'up'
    MATCH (f:Entity)-[r:BUILDS_ON]->(e)
    WHERE f.id IN walk.frontier AND coalesce(r.confidence, 1.0) >= $minConfidence
    RETURN r
    UNION ALL
    // Down: the level entity's edges into the frontier (what it builds on: a handful).
    WITH walk, e WHERE ($evidence OR $ends) AND walk.direction = 'down'
    MATCH (e)-[r:BUILDS_ON]->(f:Entity)
    WHERE f.id IN walk.frontier AND coalesce(r.confidence, 1.0) >= $minConfidence
    RETURN r
  }
  WITH CASE WHEN $evidence
         THEN {source: startNode(r).id, target: endNode(r).id, paper: r.paper, sentence: r.sentence, rule: r.rule,
               confidence: r.confidence, field: r.field, start: r.start, end: r.end, factId: r.factId, confirmed: r.confirmed}
         ELSE {source: startNode(r).id, target: endNode(r).id} END AS hop
  RETURN collect(DISTINCT hop) AS evidence
}
// A walk for ends only draws its entities: it reads no aliases.
RETURN walk.root AS id, walk.direction AS direction,
       CASE WHEN $ends THEN e {.id, .name, .kind, .key, .topic} ELSE e {.id, .name, .kind, .key, .aliases, .topic} END AS entity,
       evidence
