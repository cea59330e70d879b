// Papers that compare themselves against each $ids entity, with their claims (batched), by title,
// at most $first per entity, only comparisons whose confidence reaches $minConfidence; each paper
// comes whole, so Comparison.paper needs no second read.
// A since bound ($since ISO, or $sinceDay for a label: month*100 + day) keeps papers whose datedOn
// (the listing day, else the day stored) is on or after it.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (p:Paper)-[r:COMPARES_TO]->(e)
  WHERE coalesce(r.confidence, 1.0) >= $minConfidence
    AND ($since IS NULL OR p.datedOn >= date($since))
    AND ($sinceDay IS NULL OR p.datedOn.month * 100 + p.datedOn.day >= $sinceDay)
  WITH p, r ORDER BY p.title LIMIT toInteger($first)
  RETURN p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine} AS paper, r
}
RETURN id, paper, e {.id, .name, .kind, .key, .aliases} AS entity,
       r {.paper, .sentence, .rule, .confidence, .field, .start, .end, .factId, .confirmed, .claim, .claimMetric, .claimValue, .claimUnit, .claimDirection} AS rel
