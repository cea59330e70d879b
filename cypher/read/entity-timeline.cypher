// Papers mentioning each entity per listing day, oldest first; the day is the indexed listedOn, and
// date is the listing date as the papers carry it ("Mar 17", 2024-03-17). With $variants, also the
// papers mentioning one of its variants (VARIANT_OF, at most 3 hops), each paper once, as
// read/entity-papers-page counts them.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  UNWIND CASE WHEN $variants THEN [e] + COLLECT { MATCH (v:Entity)-[:VARIANT_OF*1..3]->(e) RETURN DISTINCT v } ELSE [e] END AS x
  MATCH (p:Paper)-[:MENTIONS]->(x)
  WHERE p.listedOn IS NOT NULL
  WITH DISTINCT p
  WITH p.listedOn AS day, min(p.listingDate) AS date, count(p) AS papers
  ORDER BY day
  RETURN collect({date: date, papers: papers}) AS points
}
RETURN id, points
