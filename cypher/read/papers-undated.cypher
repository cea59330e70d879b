// The papers without a listing date, in input order: what follows the dated papers when
// papersConnection is sorted by listing date and a page ($skip of the whole list, $limit rows)
// reaches past them. Only run for such pages, so the count of dated papers is read only then.
CALL () { MATCH (p:Paper) WHERE p.listedOn IS NOT NULL RETURN count(p) AS dated }
MATCH (p:Paper)
WHERE p.listedOn IS NULL AND NOT coalesce(p.stub, false)
WITH dated, p ORDER BY p.sourceFile, p.sourceLine, p.title
WITH dated, collect({paper: p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}, score: null}) AS rows
WITH rows, CASE WHEN toInteger($skip) > dated THEN toInteger($skip) - dated ELSE 0 END AS from
RETURN rows[from..from + toInteger($limit)] AS page
