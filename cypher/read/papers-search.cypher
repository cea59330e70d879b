// Full-text ranked papers; $query is Lucene syntax with user text already escaped.
CALL db.index.fulltext.queryNodes('paper_text', $query) YIELD node, score
WHERE NOT coalesce(node.stub, false)
RETURN node {.*} AS paper, score
ORDER BY score DESC
LIMIT toInteger($first)
