// Full-text ranked papers; $query is Lucene syntax with user text already escaped. The index hands
// hits over best first, so only the first $first, plus $room for stubs (papers known only from
// references: titles, indexed, never listed), are read; cut says that was not room enough (every
// hit read, fewer than $first papers among them), and src/api/fields/papers.ts reads again with
// more room. With a since bound ($since ISO, or $sinceDay for a label: month*100 + day, on
// Paper.datedOn) every hit is read, since the new papers can be anywhere in the ranking.
// Papers project only what Paper resolves from its parent (addedAt and sources have loaders): the
// stored source records and temporal values cost transfer and the driver's date conversions.
CALL () {
  CALL db.index.fulltext.queryNodes('paper_text', $query, CASE WHEN $since IS NULL AND $sinceDay IS NULL THEN {limit: toInteger($first) + toInteger($room)} ELSE {} END) YIELD node, score
  RETURN collect({node: node, score: score}) AS read
}
WITH read, [h IN read WHERE NOT coalesce(h.node.stub, false)
  AND ($since IS NULL OR h.node.datedOn >= date($since))
  AND ($sinceDay IS NULL OR h.node.datedOn.month * 100 + h.node.datedOn.day >= $sinceDay)] AS kept
// Equal scores in input order, as papersConnection(orderBy: RELEVANCE) and search break ties: the
// index hands ties over in its own order, so the same text ranked papers differently by field.
WITH read, COLLECT { UNWIND kept AS h WITH h ORDER BY h.score DESC, h.node.sourceFile, h.node.sourceLine, h.node.title RETURN h } AS hits
RETURN [p IN [h IN hits[0..toInteger($first)] | h.node] | p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}] AS papers,
       $since IS NULL AND $sinceDay IS NULL AND size(read) = toInteger($first) + toInteger($room) AND size(hits) < toInteger($first) AS cut
