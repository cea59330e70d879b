// Topic detection input, streamed: the next $limit real papers after $after in id order, with the
// entities each mentions (its paper edges, and as BUILDS_ON the entities its contribution builds on),
// every entity with its MENTIONS degree (its document frequency).
MATCH (p:Paper)
WHERE p.id > $after AND NOT coalesce(p.stub, false)
WITH p ORDER BY p.id LIMIT toInteger($limit)
RETURN p.id AS id, p.title AS title, coalesce(p.abstract, '') AS abstract,
       COLLECT {
         MATCH (p)-[r:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e:Entity)
         RETURN {entity: e.id, name: e.name, kind: e.kind, type: type(r), df: COUNT { (e)<-[:MENTIONS]-() }} AS m
         UNION
         MATCH (:Entity)-[:BUILDS_ON {paper: p.id}]->(e:Entity)
         RETURN {entity: e.id, name: e.name, kind: e.kind, type: 'BUILDS_ON', df: COUNT { (e)<-[:MENTIONS]-() }} AS m
       } AS mentions
