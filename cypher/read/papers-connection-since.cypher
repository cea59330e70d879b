// papersConnection with a since bound and no entity or text filter: a range scan of the paper_dated_on
// index (Paper.datedOn: the listing day, else the day techtree stored the paper) from $since (or,
// for a label bound $sinceDay, month*100 + day, every dated paper filtered on month and day), with
// the listing-date bounds of papers-connection-dated applied to what it yields; sorted, a page and the total.
// Only the page's papers are projected: the total counts nodes, it reads no abstract.
// The page is a top-k over the matches (ORDER BY with LIMIT skip + limit + 1), not a sort of them all.
MATCH (p:Paper)
WHERE p.datedOn >= date(coalesce($since, '0000-01-01'))
  AND ($sinceDay IS NULL OR p.datedOn.month * 100 + p.datedOn.day >= $sinceDay)
  AND ($lo IS NULL OR p.listedOn >= date($lo))
  AND ($hi IS NULL OR p.listedOn <= date($hi))
  AND ($fromDay IS NULL OR p.listedOn.month * 100 + p.listedOn.day >= $fromDay)
  AND ($toDay IS NULL OR p.listedOn.month * 100 + p.listedOn.day <= $toDay)
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
