// Full-text ranked papers; $query is Lucene syntax with user text already escaped. The index hands
// hits over best first, so only the first $first (plus room for stubs, which have titles only) are read;
// with a since bound ($since ISO, or $sinceDay for a label: month*100 + day, on Paper.datedOn) every
// hit is read, since the new papers can be anywhere in the ranking.
// Papers project only what Paper resolves from its parent (addedAt and sources have loaders): the
// stored source records and temporal values cost transfer and the driver's date conversions.
CALL db.index.fulltext.queryNodes('paper_text', $query, CASE WHEN $since IS NULL AND $sinceDay IS NULL THEN {limit: toInteger($first) + 20} ELSE {} END) YIELD node, score
WHERE NOT coalesce(node.stub, false)
  AND ($since IS NULL OR node.datedOn >= date($since))
  AND ($sinceDay IS NULL OR node.datedOn.month * 100 + node.datedOn.day >= $sinceDay)
RETURN node {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine} AS paper, score
ORDER BY score DESC
LIMIT toInteger($first)
