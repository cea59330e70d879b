// Papers no topic holds yet (written since topics were last computed), streamed like
// read/topic-input-page: the next $limit after $after in id order, with their entity mentions.
MATCH (p:Paper)
WHERE p.id > $after AND NOT coalesce(p.stub, false) AND NOT (p)-[:ABOUT]->(:Topic)
WITH p ORDER BY p.id LIMIT toInteger($limit)
RETURN p.id AS id, p.title AS title, coalesce(p.abstract, '') AS abstract,
       COLLECT {
         MATCH (p)-[r:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e:Entity)
         RETURN {entity: e.id, name: e.name, kind: e.kind, type: type(r), df: COUNT { (e)<-[:MENTIONS]-() }} AS m
         UNION
         MATCH (:Entity)-[:BUILDS_ON {paper: p.id}]->(e:Entity)
         RETURN {entity: e.id, name: e.name, kind: e.kind, type: 'BUILDS_ON', df: COUNT { (e)<-[:MENTIONS]-() }} AS m
       } AS mentions
