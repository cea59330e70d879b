// For each $ids entity, everything it builds on, each entity at its shortest depth with the
// evidence of the hop that reaches it. The bound *1..10 is rewritten to the validated maxDepth
// (1..10). Batched: one statement for every parent in a request.
UNWIND $ids AS id
MATCH (root:Entity {id: id})
CALL (root) {
  MATCH path = (root)-[:BUILDS_ON*1..10]->(e:Entity)
  WHERE e <> root
  WITH e, length(path) AS len, last(relationships(path)) AS hop
  WITH e, min(len) AS depth, collect({len: len, rel: hop}) AS hops
  RETURN e {.id, .name, .kind, .key, .aliases} AS entity, depth,
         [h IN hops WHERE h.len = depth |
           {paper: h.rel.paper, sentence: h.rel.sentence, rule: h.rel.rule, confidence: h.rel.confidence,
            field: h.rel.field, start: h.rel.start, end: h.rel.end}] AS evidence
}
RETURN id, entity, depth, evidence
ORDER BY id, depth, entity.name
