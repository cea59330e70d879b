// All topics, largest first.
MATCH (t:Topic)
RETURN t {.*} AS topic
ORDER BY t.rank
LIMIT toInteger($first)
