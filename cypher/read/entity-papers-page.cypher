// A page of the papers that mention each entity (MENTIONS), by title; the total is the MENTIONS
// degree (read from the degree store, not counted), so only the page's papers are sorted in full.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (p:Paper)-[:MENTIONS]->(e)
  WITH p ORDER BY p.title SKIP toInteger($skip) LIMIT toInteger($limit) + 1
  RETURN collect(p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}) AS page
}
RETURN id, COUNT { (e)<-[:MENTIONS]-() } AS total, page
