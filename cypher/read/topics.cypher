// All topics, largest first (their profiles stay in the graph: only src/topics reads them).
MATCH (t:Topic)
RETURN t {.id, .name, .size, .rank, .entities, .terms} AS topic
ORDER BY t.rank
LIMIT toInteger($first)
