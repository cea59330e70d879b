// papersConnection with only date bounds: a range scan of the listedOn index between $lo and $hi
// (the widest dates when a bound is absent or given as a label), label bounds ($fromDay/$toDay, as
// month*100 + day) applied to what the range yields; sorted, a page and the total.
// Only the page's papers are projected: the total counts nodes, it reads no abstract.
// The page is a top-k over the matches (ORDER BY with LIMIT skip + limit + 1), not a sort of them all.
MATCH (p:Paper)
WHERE p.listedOn >= date($lo) AND p.listedOn <= date($hi)
  AND ($fromDay IS NULL OR p.listedOn.month * 100 + p.listedOn.day >= $fromDay)
  AND ($toDay IS NULL OR p.listedOn.month * 100 + p.listedOn.day <= $toDay)
WITH collect(p) AS ps
CALL (ps) {
  UNWIND ps AS p
  WITH p
  ORDER BY
    CASE WHEN $order = 'TITLE' THEN toLower(p.title) END,
    CASE WHEN $order = 'LISTING_DATE_DESC' THEN p.listedOn END DESC,
    CASE WHEN $order = 'LISTING_DATE_ASC' THEN p.listedOn END,
    p.sourceFile, p.sourceLine, p.title
  SKIP toInteger($skip) LIMIT toInteger($limit) + 1
  RETURN collect({paper: p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}, score: null}) AS page
}
RETURN size(ps) AS total, page
