// papersConnection driven by an author filter: the papers listing the author ($author, an Author
// id) in their byline, kept when they also mention one entity of every entity filter ($others,
// lists of ids) and fall within the date bounds and since; sorted, then a page of it with the
// total. Used when the author has no more papers than the rarest entity filter (read/filter-author,
// read/filter-entities), so the expansion is bounded by the author's AUTHORED_BY degree (an index
// seek on author_id, then one edge per paper), not by the size of the graph.
// Dates, since and the page are as in papers-connection-entity, whose header says why the page is
// a top-k over the first sort key and only the page's papers are projected.
// Stubs (papers known from a reference) carry no byline, but are left out as the text plan leaves them out.
MATCH (a:Author {id: $author})<-[:AUTHORED_BY]-(p:Paper)
WHERE NOT coalesce(p.stub, false)
  AND all(ids IN $others WHERE EXISTS { (p)-[:MENTIONS]->(e:Entity) WHERE e.id IN ids })
  AND ($lo IS NULL OR p.listedOn >= date($lo))
  AND ($hi IS NULL OR p.listedOn <= date($hi))
  AND ($fromDay IS NULL OR p.listedOn.month * 100 + p.listedOn.day >= $fromDay)
  AND ($toDay IS NULL OR p.listedOn.month * 100 + p.listedOn.day <= $toDay)
  AND ($since IS NULL OR p.datedOn >= date($since))
  AND ($sinceDay IS NULL OR p.datedOn.month * 100 + p.datedOn.day >= $sinceDay)
WITH collect(DISTINCT p) AS ps
CALL (ps) {
  UNWIND ps AS p
  WITH p, p.listedOn AS day
  WITH p, CASE $order
    WHEN 'TITLE' THEN toLower(p.title)
    WHEN 'LISTING_DATE_DESC' THEN CASE WHEN day IS NULL THEN 100000000 ELSE -(day.year * 10000 + day.month * 100 + day.day) END
    WHEN 'LISTING_DATE_ASC' THEN CASE WHEN day IS NULL THEN 100000000 ELSE day.year * 10000 + day.month * 100 + day.day END
    ELSE 0 END AS first
  WITH collect({p: p, first: first}) AS rows
  WITH rows, COLLECT { UNWIND rows AS r RETURN r.first AS k ORDER BY k LIMIT toInteger($skip) + toInteger($limit) + 1 } AS least
  UNWIND rows AS r
  WITH r WHERE r.first <= least[-1]
  WITH r.p AS p, r.first AS first
  ORDER BY first, p.sourceFile, p.sourceLine, p.title
  SKIP toInteger($skip) LIMIT toInteger($limit) + 1
  RETURN collect({paper: p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}, score: null}) AS page
}
RETURN size(ps) AS total, page
