// Query.papers(since) without search text: papers dated on or after the bound (Paper.datedOn, the
// listing day else the day stored; a range scan of paper_dated_on), in input order, at most $first.
// $sinceDay (month*100 + day) is a bound given as a label without a year.
// Papers project only what Paper resolves from its parent (addedAt and sources have loaders): the
// stored source records and temporal values cost transfer and the driver's date conversions.
MATCH (p:Paper)
WHERE p.datedOn >= date(coalesce($since, '0000-01-01'))
  AND ($sinceDay IS NULL OR p.datedOn.month * 100 + p.datedOn.day >= $sinceDay)
  AND p.sourceFile IS NOT NULL
RETURN p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine} AS paper
ORDER BY p.sourceFile, p.sourceLine
LIMIT toInteger($first)
