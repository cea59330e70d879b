// An entity by name (read/find-entity) together with the first level of "what builds on it"
// (read/lineage-step going down, with the entity as the only frontier), in one statement: a query
// that asks for an entity and its lineage (`technique(name) { builtOnBy }`) starts its walk here,
// and the walk's later levels, when it needs any, run the step statement as before.
// Why one statement: each statement costs Neo4j and the driver CPU of its own (parameters, a
// transaction, a result stream) beside what it reads. At 100,000 papers the lookup and
// FlashAttention's first step cost about 2.4 ms of CPU (Neo4j + driver) as two statements and 1.3 ms
// as this one; a walk whose first level fills $first needs no other statement.
// The lookup is find-entity's, line for line: the key as a name, else as an alias (text index), else
// its singular ($singular) the same two ways; a name that finds nothing has no row. The
// level is the step's for one frontier entity: at most $first entities by (key, id) through the
// byTarget range index, each with its edges to the root as evidence when $evidence, or only
// their ends when $ends. Only edges whose confidence reaches $minConfidence count. The seek reads
// them in (key, id) order; the walk (src/graph/lineage.ts) sorts the level as it sorts a step's.
// The evidence is expanded from the level's entity, as the step expands it, so that parallel edges
// come in the step's order (Expand(All) from e, not Expand(Into) between two bound nodes).
OPTIONAL MATCH (k:Entity {key: $key})
WHERE k.kind = $kind
WITH k AS byName ORDER BY size(k.name), k.key LIMIT 1
OPTIONAL CALL (byName) {
  WITH byName WHERE byName IS NULL
  CALL () {
    MATCH (e:Entity)
    WHERE e.aliasKeyText CONTAINS ' ' + $key + ' ' AND e.kind = $kind
    RETURN e ORDER BY size(e.name), e.key LIMIT 1
  }
  RETURN e AS byAlias
}
WITH coalesce(byName, byAlias) AS found
OPTIONAL CALL (found) {
  WITH found WHERE found IS NULL AND $singular IS NOT NULL
  CALL () {
    MATCH (e:Entity {key: $singular})
    WHERE e.kind = $kind
    RETURN e ORDER BY size(e.name), e.key LIMIT 1
  }
  RETURN e AS bySingular
}
WITH coalesce(found, bySingular) AS found
OPTIONAL CALL (found) {
  WITH found WHERE found IS NULL AND $singular IS NOT NULL
  CALL () {
    MATCH (e:Entity)
    WHERE e.aliasKeyText CONTAINS ' ' + $singular + ' ' AND e.kind = $kind
    RETURN e ORDER BY size(e.name), e.key LIMIT 1
  }
  RETURN e AS bySingularAlias
}
WITH coalesce(found, bySingularAlias) AS e
WHERE e IS NOT NULL
// With $variants (includeVariants), the ids of the entity's sizes (VARIANT_OF*1..3; whether it has
// any is read from the degree store): a walk from an entity with sizes starts from it and them
// (src/graph/lineage.ts `also`), so the entity's own level is not read for it.
WITH e AS root, CASE WHEN $variants AND COUNT { (e)<-[:VARIANT_OF]-() } > 0
                     THEN COLLECT { MATCH (v:Entity)-[:VARIANT_OF*1..3]->(e) RETURN DISTINCT v.id } ELSE [] END AS variants
CALL (root, variants) {
  WITH root WHERE variants = []
  CALL (root) {
    MATCH (e:Entity)-[b:BUILDS_ON]->()
    USING INDEX SEEK b:BUILDS_ON(byTarget)
    WHERE b.byTarget STARTS WITH root.id + ' ' AND coalesce(b.confidence, 1.0) >= $minConfidence AND e.id <> root.id
    WITH DISTINCT b.byTarget AS o, e
    LIMIT toInteger($first)
    RETURN e
  }
  WITH DISTINCT root, e
  CALL (root, e) {
    WITH root, e WHERE $evidence OR $ends
    MATCH (e)-[r:BUILDS_ON]->()
    WHERE endNode(r).id = root.id AND coalesce(r.confidence, 1.0) >= $minConfidence
    WITH CASE WHEN $evidence
           THEN {source: startNode(r).id, target: endNode(r).id, paper: r.paper, sentence: r.sentence, rule: r.rule,
                 confidence: r.confidence, field: r.field, start: r.start, end: r.end, factId: r.factId, confirmed: r.confirmed}
           ELSE {source: startNode(r).id, target: endNode(r).id} END AS hop
    RETURN collect(DISTINCT hop) AS evidence
  }
  RETURN collect({entity: CASE WHEN $ends THEN e {.id, .name, .kind, .key, .topic} ELSE e {.id, .name, .kind, .key, .aliases, .topic} END,
                  evidence: evidence}) AS level
}
RETURN root {.id, .name, .kind, .key, .aliases} AS entity, level, variants
