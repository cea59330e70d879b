// "Did you mean" candidates: a fuzzy full-text query (every term ends in ~) over names and aliases.
// The caller ranks them by edit distance on the normalised key.
CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node, score
RETURN node {.id, .name, .kind, .key, .aliases, .aliasKeys} AS entity, score
ORDER BY score DESC
LIMIT 25
