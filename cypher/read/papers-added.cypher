// Papers first stored at or after $since (a range scan of paper_added_at; stubs have no addedAt):
// how many, and the newest $first of them, without abstracts (no feed or digest shows them; the
// API's Paper.abstract reads one when a query asks: src/api/fields/changes.ts).
CALL () {
  MATCH (p:Paper) WHERE p.addedAt >= datetime($since)
  RETURN count(p) AS total
}
CALL () {
  MATCH (p:Paper) WHERE p.addedAt >= datetime($since)
  WITH p ORDER BY p.addedAt DESC, p.sourceFile, p.sourceLine LIMIT toInteger($first)
  RETURN collect(p {.id, .title, .listingDate, .sourceFile, .sourceLine, .addedAt}) AS page
}
RETURN total, page
