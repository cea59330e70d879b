// A page of the papers that mention each entity (as read/entity-papers), by title, with the total.
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
WITH id, collect(p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}) AS papers
RETURN id, size(papers) AS total, papers[toInteger($skip)..toInteger($skip) + toInteger($limit) + 1] AS page
