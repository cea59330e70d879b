// Papers that mention each entity in any role (its MENTIONS edges), by title, at most $first each.
// With $variants, also the papers that mention one of its variants (VARIANT_OF: its sizes, and
// theirs, at most 3 hops: Llama-2-70B-32K -> Llama-2-70B -> Llama 2), each paper once.
// Papers project only what Paper resolves from its parent (addedAt and sources have loaders): the
// stored source records and temporal values cost transfer and the driver's date conversions.
// Title order ignores case, as papersConnection's TITLE order ("dLoRA" sorts with the d's, not after
// every capital); the title is read once per paper (papersConnection's further tie-breaks, source
// file and line, read for all 1,331 A100 papers at 100k: 6,725 db hits against 4,105).
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  UNWIND CASE WHEN $variants THEN [e] + COLLECT { MATCH (v:Entity)-[:VARIANT_OF*1..3]->(e) RETURN DISTINCT v } ELSE [e] END AS x
  MATCH (p:Paper)-[:MENTIONS]->(x)
  WITH DISTINCT p
  WITH p, p.title AS t ORDER BY toLower(t), t LIMIT toInteger($first)
  RETURN collect(p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}) AS papers
}
RETURN id, papers
