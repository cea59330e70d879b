// Papers that mention each entity in any role (its MENTIONS edges), by title, at most $first each.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (p:Paper)-[:MENTIONS]->(e)
  WITH p ORDER BY p.title LIMIT toInteger($first)
  RETURN collect(p {.*}) AS papers
}
RETURN id, papers
