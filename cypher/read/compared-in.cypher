// Papers that compare themselves against each $ids entity, with their claims (batched), by title,
// at most $first per entity, only comparisons whose confidence reaches $minConfidence; each paper
// comes whole, so Comparison.paper needs no second read.
// With $variants, also the papers that compare against one of its variants (VARIANT_OF: its sizes,
// and theirs, at most 3 hops), since a paper that beats Llama-2-7B compares against Llama 2: the
// entity's relationships give its handful of variants (expanded from it, never scanned), and each
// row's entity is the one the paper names (Comparison.entity), so a paper comparing against both
// Llama 2 and Llama-2-7B makes two rows, one per claim.
// A since bound ($since ISO, or $sinceDay for a label: month*100 + day) keeps papers whose datedOn
// (the listing day, else the day stored) is on or after it.
// Title order ignores case, as papersConnection's TITLE order ("dLoRA" sorts with the d's, not after
// every capital); the title is read once per paper (papersConnection's further tie-breaks, source
// file and line, read for all 1,331 A100 papers at 100k: 6,725 db hits against 4,105).
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  UNWIND CASE WHEN $variants THEN [e] + COLLECT { MATCH (v:Entity)-[:VARIANT_OF*1..3]->(e) RETURN DISTINCT v } ELSE [e] END AS x
  MATCH (p:Paper)-[r:COMPARES_TO]->(x)
  WHERE coalesce(r.confidence, 1.0) >= $minConfidence
    AND ($since IS NULL OR p.datedOn >= date($since))
    AND ($sinceDay IS NULL OR p.datedOn.month * 100 + p.datedOn.day >= $sinceDay)
  WITH p, r, x, p.title AS t ORDER BY toLower(t), t, x.key LIMIT toInteger($first)
  RETURN p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine} AS paper, r, x
}
RETURN id, paper, x {.id, .name, .kind, .key, .aliases} AS entity,
       r {.paper, .sentence, .rule, .confidence, .field, .start, .end, .factId, .confirmed, .claim, .claimMetric, .claimValue, .claimUnit, .claimDirection} AS rel
