// A page of the papers each paper cites ($direction 'out') or is cited by ('in'), by title.
UNWIND $ids AS id
MATCH (p:Paper {id: id})
CALL (p) {
  MATCH (p)-[:CITES]->(q:Paper)
  WHERE $direction = 'out'
  RETURN q
  UNION
  MATCH (q:Paper)-[:CITES]->(p)
  WHERE $direction = 'in'
  RETURN q
}
WITH id, q
ORDER BY q.title
WITH id, collect(q {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}) AS papers
RETURN id, size(papers) AS total, papers[toInteger($skip)..toInteger($skip) + toInteger($limit) + 1] AS page
