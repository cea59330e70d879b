// For each $ids entity, everything that builds on it, each entity at its shortest depth with the evidence
// of the first hop on its shortest paths. ALL SHORTEST walks breadth-first, so hub entities cost
// what they reach, not the number of paths. The bound {1,10} is rewritten to the validated maxDepth;
// at most $first entries per root, nearest first.
UNWIND $ids AS id
MATCH (root:Entity {id: id})
CALL (root) {
  MATCH path = ALL SHORTEST (e:Entity)-[:BUILDS_ON]->{1,10}(root)
  WHERE e <> root
  WITH e, length(path) AS depth, relationships(path)[0] AS hop
  WITH e, depth, collect(hop) AS hops
  ORDER BY depth, e.name
  LIMIT toInteger($first)
  RETURN e {.id, .name, .kind, .key, .aliases} AS entity, depth,
         [r IN hops | {paper: r.paper, sentence: r.sentence, rule: r.rule, confidence: r.confidence,
                       field: r.field, start: r.start, end: r.end}] AS evidence
}
RETURN id, entity, depth, evidence
ORDER BY id, depth, entity.name
