// papersConnection with only date bounds: a range scan of the listedOn index between $lo and $hi
// (the widest dates when a bound is absent or given as a label), label bounds ($fromDay/$toDay, as
// month*100 + day) applied to what the range yields; sorted, a page and the total.
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
WITH collect(p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}) AS rows
RETURN size(rows) AS total, [r IN rows[toInteger($skip)..toInteger($skip) + toInteger($limit) + 1] | {paper: r, score: null}] AS page
