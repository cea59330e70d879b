// Full-text ranked papers; $query is Lucene syntax with user text already escaped. The index hands
// hits over best first, so only the first $first (plus room for stubs, which have titles only) are read.
CALL db.index.fulltext.queryNodes('paper_text', $query, {limit: toInteger($first) + 20}) YIELD node, score
WHERE NOT coalesce(node.stub, false)
RETURN node {.*} AS paper, score
ORDER BY score DESC
LIMIT toInteger($first)
