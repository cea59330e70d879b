// Topic detection input: which paper mentions which entity, and how.
MATCH (p:Paper)-[r:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e:Entity)
WHERE NOT coalesce(p.stub, false)
RETURN DISTINCT p.id AS paper, e.id AS entity, e.name AS name, e.kind AS kind, type(r) AS type
ORDER BY paper, entity, type
