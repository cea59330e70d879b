// Papers that mention each entity: any paper edge, or a BUILDS_ON edge recorded for the paper.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (p:Paper)-[:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e)
  RETURN p
  UNION
  MATCH (e)-[b:BUILDS_ON]-(:Entity)
  MATCH (p:Paper {id: b.paper})
  RETURN p
}
WITH id, p
ORDER BY p.title
RETURN id, collect(p {.*}) AS papers
