// papersConnection driven by an entity filter: the papers mentioning the rarest filter's entities
// ($driver, ids), kept when they also mention one entity of every other filter ($others, lists of
// ids) and fall within the date bounds; sorted, then a page of it with the total. The expansion is
// bounded by the driving entities' MENTIONS degree, not by the size of the graph. Only the page's
// papers are projected: a hub (A100) matches thousands, and reading every abstract to count them
// cost most of the statement.
// Dates: $lo/$hi are ISO bounds (or null); $fromDay/$toDay (month*100 + day) are bounds given as labels.
// since: $since (ISO) or $sinceDay (a label, month*100 + day) bounds Paper.datedOn, the listing day else the day stored.
// $author (an Author id, or null): only papers listing that author, when the author filter has more
// papers than the driving entity (else read/papers-connection-author drives).
// The page is a top-k over the matches, not a sort of them all, and it reads little: the order's
// first key (the lower-cased title, or the listing day as year * 10000 + month * 100 + day, negated
// for newest first; undated papers last) is read for every match, the (skip + limit + 1)-th smallest
// of those keys is found among the keys, and only matches up to it are read further for the
// tie-breaks (input position, then title). For A100 at 100k papers (1,331 matches) reading every
// match's four sort properties and its label was 5,300 of the statement's 8,000 db hits.
// MENTIONS edges come from papers only, so the matches need no label check.
MATCH (d:Entity)
WHERE d.id IN $driver
MATCH (p)-[:MENTIONS]->(d)
WITH DISTINCT p
WHERE all(ids IN $others WHERE EXISTS { (p)-[:MENTIONS]->(e:Entity) WHERE e.id IN ids })
  AND ($lo IS NULL OR p.listedOn >= date($lo))
  AND ($hi IS NULL OR p.listedOn <= date($hi))
  AND ($fromDay IS NULL OR p.listedOn.month * 100 + p.listedOn.day >= $fromDay)
  AND ($toDay IS NULL OR p.listedOn.month * 100 + p.listedOn.day <= $toDay)
  AND ($since IS NULL OR p.datedOn >= date($since))
  AND ($sinceDay IS NULL OR p.datedOn.month * 100 + p.datedOn.day >= $sinceDay)
  AND ($author IS NULL OR EXISTS { (p)-[:AUTHORED_BY]->(a:Author) WHERE a.id = $author })
WITH collect(p) AS ps
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
