// papersConnection driven by an entity filter: the papers mentioning the rarest filter's entities
// ($driver, ids), kept when they also mention one entity of every other filter ($others, lists of
// ids) and fall within the date bounds; sorted, then a page of it with the total. The expansion is
// bounded by the driving entities' MENTIONS degree, not by the size of the graph. Only the page's
// papers are projected: a hub (A100) matches thousands, and reading every abstract to count them
// cost most of the statement.
// Dates: $lo/$hi are ISO bounds (or null); $fromDay/$toDay (month*100 + day) are bounds given as labels.
// since: $since (ISO) or $sinceDay (a label, month*100 + day) bounds Paper.datedOn, the listing day else the day stored.
// The page is a top-k over the matches (ORDER BY with LIMIT skip + limit + 1), not a sort of them all.
MATCH (d:Entity)
WHERE d.id IN $driver
MATCH (p:Paper)-[:MENTIONS]->(d)
WITH DISTINCT p
WHERE all(ids IN $others WHERE EXISTS { (p)-[:MENTIONS]->(e:Entity) WHERE e.id IN ids })
  AND ($lo IS NULL OR p.listedOn >= date($lo))
  AND ($hi IS NULL OR p.listedOn <= date($hi))
  AND ($fromDay IS NULL OR p.listedOn.month * 100 + p.listedOn.day >= $fromDay)
  AND ($toDay IS NULL OR p.listedOn.month * 100 + p.listedOn.day <= $toDay)
  AND ($since IS NULL OR p.datedOn >= date($since))
  AND ($sinceDay IS NULL OR p.datedOn.month * 100 + p.datedOn.day >= $sinceDay)
WITH collect(p) AS ps
CALL (ps) {
  UNWIND ps AS p
  WITH p
  ORDER BY
    CASE WHEN $order = 'TITLE' THEN toLower(p.title) END,
    CASE WHEN $order = 'LISTING_DATE_DESC' THEN coalesce(p.listedOn, date('-9999-01-01')) END DESC,
    CASE WHEN $order = 'LISTING_DATE_ASC' THEN p.listedOn END,
    p.sourceFile, p.sourceLine, p.title
  SKIP toInteger($skip) LIMIT toInteger($limit) + 1
  RETURN collect({paper: p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}, score: null}) AS page
}
RETURN size(ps) AS total, page
