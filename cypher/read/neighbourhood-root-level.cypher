// The explorer's centre together with the first level of its lineage both ways, in one statement:
// the view's walk (src/export/neighbourhood.ts) takes that level as read and steps on from it with
// read/lineage-step, so a depth-2 view runs three statements instead of four.
// Why one statement: each costs Neo4j and the driver CPU of its own (parameters, a result stream, a
// socket write each way) beside what it reads, about 0.3 ms on each side (docs/benchmarks.md).
// The centre: an entity by id, else by name key, else by alias key, else by the singular key
// ($singular: domain/keys.ts singularKey, null for none; "a100s" -> "a100") as a name, else as an
// alias, as read/find-entities looks names up: each step runs only when the ones before found
// nothing (guarded OPTIONAL CALLs; the alias steps are text-index reads), so a name that matches
// costs what it cost before the singular steps. Any kind, techniques first when names collide
// across kinds. It comes with what the view draws of it (no aliases, no key); no centre, no row.
// The level: read/lineage-step's text for the centre's two walks, up and down, with the centre as
// their only frontier and the step's parameters ($first, $evidence, $ends, $minConfidence); that
// file's header says why each part reads what it reads. Each row names its walk's direction.
OPTIONAL MATCH (byId:Entity {id: $id})
OPTIONAL MATCH (byKey:Entity {key: $key})
WITH byId, byKey ORDER BY CASE byKey.kind WHEN 'Technique' THEN 0 WHEN 'Model' THEN 1 WHEN 'Dataset' THEN 2 ELSE 3 END, size(byKey.name)
WITH byId, head(collect(byKey)) AS byKey
WITH coalesce(byId, byKey) AS found
OPTIONAL CALL (found) {
  WITH found WHERE found IS NULL
  CALL () {
    MATCH (e:Entity)
    WHERE e.aliasKeyText CONTAINS ' ' + $key + ' '
    RETURN e ORDER BY CASE e.kind WHEN 'Technique' THEN 0 WHEN 'Model' THEN 1 WHEN 'Dataset' THEN 2 ELSE 3 END, size(e.name), e.key, e.kind LIMIT 1
  }
  RETURN e AS byAlias
}
WITH coalesce(found, byAlias) AS found
OPTIONAL CALL (found) {
  WITH found WHERE found IS NULL AND $singular IS NOT NULL
  CALL () {
    MATCH (e:Entity {key: $singular})
    RETURN e ORDER BY CASE e.kind WHEN 'Technique' THEN 0 WHEN 'Model' THEN 1 WHEN 'Dataset' THEN 2 ELSE 3 END, size(e.name), e.key, e.kind LIMIT 1
  }
  RETURN e AS bySingular
}
WITH coalesce(found, bySingular) AS found
OPTIONAL CALL (found) {
  WITH found WHERE found IS NULL AND $singular IS NOT NULL
  CALL () {
    MATCH (e:Entity)
    WHERE e.aliasKeyText CONTAINS ' ' + $singular + ' '
    RETURN e ORDER BY CASE e.kind WHEN 'Technique' THEN 0 WHEN 'Model' THEN 1 WHEN 'Dataset' THEN 2 ELSE 3 END, size(e.name), e.key, e.kind LIMIT 1
  }
  RETURN e AS bySingularAlias
}
WITH coalesce(found, bySingularAlias) AS root
WHERE root IS NOT NULL
// One row per walk from here to the end of the level, collected into one list: a centre with no
// lineage still answers its row, with an empty level.
CALL (root) {
  UNWIND [{root: root.id, direction: 'up', frontier: [root.id], visited: [root.id]},
          {root: root.id, direction: 'down', frontier: [root.id], visited: [root.id]}] AS walk
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
  RETURN collect({direction: walk.direction,
                  entity: CASE WHEN $ends THEN e {.id, .name, .kind, .key, .topic} ELSE e {.id, .name, .kind, .key, .aliases, .topic} END,
                  evidence: evidence}) AS level
}
RETURN root {.id, .name, .kind, .topic} AS entity, level
