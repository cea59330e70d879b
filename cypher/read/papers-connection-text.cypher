// papersConnection driven by full text ($query, Lucene with user text escaped): the hits, kept when
// they mention one entity of every entity filter ($others, lists of ids) and fall within the date
// bounds (as in papers-connection-entity); sorted (RELEVANCE: by score), a page and the total.
// since: $since (ISO) or $sinceDay (a label, month*100 + day) bounds Paper.datedOn, the listing day else the day stored.
// $author (an Author id, or null): only papers listing that author.
// Only the page's papers are projected (their abstracts are read for the page only).
// The page is a top-k over the matches (ORDER BY with LIMIT skip + limit + 1), not a sort of them all.
CALL db.index.fulltext.queryNodes('paper_text', $query) YIELD node AS p, score
WITH p, score
WHERE NOT coalesce(p.stub, false)
  AND all(ids IN $others WHERE EXISTS { (p)-[:MENTIONS]->(e:Entity) WHERE e.id IN ids })
  AND ($lo IS NULL OR p.listedOn >= date($lo))
  AND ($hi IS NULL OR p.listedOn <= date($hi))
  AND ($fromDay IS NULL OR p.listedOn.month * 100 + p.listedOn.day >= $fromDay)
  AND ($toDay IS NULL OR p.listedOn.month * 100 + p.listedOn.day <= $toDay)
  AND ($since IS NULL OR p.datedOn >= date($since))
  AND ($sinceDay IS NULL OR p.datedOn.month * 100 + p.datedOn.day >= $sinceDay)
  AND ($author IS NULL OR EXISTS { (p)-[:AUTHORED_BY]->(a:Author) WHERE a.id = $author })
WITH collect({p: p, score: score}) AS hits
CALL (hits) {
  UNWIND hits AS hit
  WITH hit.p AS p, hit.score AS score
  ORDER BY
    CASE WHEN $order = 'RELEVANCE' THEN score END DESC,
    CASE WHEN $order = 'TITLE' THEN toLower(p.title) END,
    CASE WHEN $order = 'LISTING_DATE_DESC' THEN coalesce(p.listedOn, date('-9999-01-01')) END DESC,
    CASE WHEN $order = 'LISTING_DATE_ASC' THEN p.listedOn END,
    p.sourceFile, p.sourceLine, p.title
  SKIP toInteger($skip) LIMIT toInteger($limit) + 1
  RETURN collect({paper: p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}, score: score}) AS page
}
RETURN size(hits) AS total, page
