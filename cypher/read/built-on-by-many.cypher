// read/built-on-by for many entities at once: the API batches every parent of a request into one
// statement (read/built-on-by stays for single-entity callers). For each $ids entity, everything
// that builds on it, each at its shortest depth with the evidence of its first hop on those
// shortest paths. The bound *1..10 is rewritten to the validated maxDepth (1..10).
UNWIND $ids AS id
MATCH (root:Entity {id: id})
CALL (root) {
  MATCH path = (e:Entity)-[:BUILDS_ON*1..10]->(root)
  WHERE e <> root
  WITH e, length(path) AS len, relationships(path)[0] AS first
  WITH e, min(len) AS depth, collect({len: len, rel: first}) AS hops
  RETURN e {.id, .name, .kind, .key, .aliases} AS entity, depth,
         [h IN hops WHERE h.len = depth |
           {paper: h.rel.paper, sentence: h.rel.sentence, rule: h.rel.rule, confidence: h.rel.confidence,
            field: h.rel.field, start: h.rel.start, end: h.rel.end}] AS evidence
}
RETURN id, entity, depth, evidence
ORDER BY id, depth, entity.name
