// How many papers and entities match a search ($query as in read/search): every hit of both indexes
// is visited, so the search field runs this only when a query selects totalCount.
CALL () {
  CALL db.index.fulltext.queryNodes('paper_text', $query) YIELD node
  WHERE NOT coalesce(node.stub, false)
  RETURN count(node) AS papers
}
CALL () {
  CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node
  RETURN count(node) AS entities
}
RETURN papers + entities AS total
