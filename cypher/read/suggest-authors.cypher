// "Did you mean" candidates for an unknown author (filter.author): a fuzzy full-text query (every
// term ends in ~) over author names (cypher/schema/28-author-names). The caller ranks them by edit
// distance on the normalised key; the papers count breaks ties towards authors with more papers.
CALL db.index.fulltext.queryNodes('author_names', $query) YIELD node, score
RETURN node.name AS name, COUNT { (node)<-[:AUTHORED_BY]-() } AS papers, score
ORDER BY score DESC
LIMIT 25
