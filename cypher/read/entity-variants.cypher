// The derived VARIANT_OF edges of each entity, both ways (Entity.variantOf, Entity.variants): the
// model a size belongs to (Llama-2-7B -> Llama 2; one per variant, src/derived/variants.ts) and the
// sizes of a model, by name key. Read from the entities' own relationships: a model has a handful of
// sizes, capped at 100 all the same.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN id,
  COLLECT { MATCH (e)-[:VARIANT_OF]->(b:Entity) RETURN b {.id, .name, .kind, .key, .aliases} AS b ORDER BY b.key LIMIT 1 }[0] AS variantOf,
  COLLECT { MATCH (v:Entity)-[:VARIANT_OF]->(e) RETURN v {.id, .name, .kind, .key, .aliases} AS v ORDER BY v.key LIMIT 100 } AS variants
