// Topic detection input: every BUILDS_ON edge and the paper that states it.
MATCH (a:Entity)-[b:BUILDS_ON]->(c:Entity)
RETURN a.id AS from, c.id AS to, b.paper AS paper
ORDER BY from, to, paper
