// A page of the papers that mention each entity (MENTIONS), by title. With $variants, also the
// papers that mention one of its variants (VARIANT_OF: its sizes, and theirs, at most 3 hops), each
// paper once. The total of an entity without variants (most of them, and every one without
// $variants) is its MENTIONS degree, read from the degree store, not counted; with variants it is
// the distinct papers of all of them, counted (a paper may name both Llama 2 and Llama-2-7B). Only
// the page's papers are sorted in full.
// Title order ignores case, as papersConnection's TITLE order ("dLoRA" sorts with the d's, not after
// every capital); the title is read once per paper (papersConnection's further tie-breaks, source
// file and line, read for all 1,331 A100 papers at 100k: 6,725 db hits against 4,105).
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WITH id, e, CASE WHEN $variants THEN COLLECT { MATCH (v:Entity)-[:VARIANT_OF*1..3]->(e) RETURN DISTINCT v } ELSE [] END AS variants
CALL (e, variants) {
  UNWIND [e] + variants AS x
  MATCH (p:Paper)-[:MENTIONS]->(x)
  WITH DISTINCT p
  WITH p, p.title AS t ORDER BY toLower(t), t SKIP toInteger($skip) LIMIT toInteger($limit) + 1
  RETURN collect(p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}) AS page
}
CALL (e, variants) {
  UNWIND CASE WHEN variants = [] THEN [] ELSE [e] + variants END AS x
  MATCH (p:Paper)-[:MENTIONS]->(x)
  RETURN count(DISTINCT p) AS counted
}
RETURN id, CASE WHEN variants = [] THEN COUNT { (e)<-[:MENTIONS]-() } ELSE counted END AS total, page
