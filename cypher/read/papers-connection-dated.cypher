// papersConnection with only date bounds: a range scan of the listedOn index between $lo and $hi
// (the widest dates when a bound is absent or given as a label), label bounds ($fromDay/$toDay, as
// month*100 + day) applied to what the range yields; sorted, a page and the total.
// Only the page's papers are projected: the total counts nodes, it reads no abstract.
MATCH (p:Paper)
WHERE p.listedOn >= date($lo) AND p.listedOn <= date($hi)
  AND ($fromDay IS NULL OR p.listedOn.month * 100 + p.listedOn.day >= $fromDay)
  AND ($toDay IS NULL OR p.listedOn.month * 100 + p.listedOn.day <= $toDay)
WITH p
ORDER BY
  CASE WHEN $order = 'TITLE' THEN toLower(p.title) END,
  CASE WHEN $order = 'LISTING_DATE_DESC' THEN p.listedOn END DESC,
  CASE WHEN $order = 'LISTING_DATE_ASC' THEN p.listedOn END,
  p.sourceFile, p.sourceLine, p.title
WITH collect(p) AS ps
RETURN size(ps) AS total,
  [q IN ps[toInteger($skip)..toInteger($skip) + toInteger($limit) + 1] | {paper: q {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}, score: null}] AS page
