// Papers that mention each entity in any role (its MENTIONS edges), by title, at most $first each.
// Papers project only what Paper resolves from its parent (addedAt and sources have loaders): the
// stored source records and temporal values cost transfer and the driver's date conversions.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (p:Paper)-[:MENTIONS]->(e)
  WITH p ORDER BY p.title LIMIT toInteger($first)
  RETURN collect(p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}) AS papers
}
RETURN id, papers
