// The papers of each topic, most central first, at most $first each.
UNWIND $ids AS id
MATCH (t:Topic {id: id})
CALL (t) {
  MATCH (p:Paper)-[a:ABOUT]->(t)
  WITH p, a ORDER BY a.weight DESC, p.title LIMIT toInteger($first)
  RETURN collect(p {.*}) AS papers
}
RETURN id, papers
