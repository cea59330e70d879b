// Before a changed paper is rewritten: its authorship, categories and explicit references go, and
// so do the authors, categories and stub papers that nothing points at any more.
UNWIND $ids AS id
MATCH (p:Paper {id: id})
OPTIONAL MATCH (p)-[r:AUTHORED_BY|IN_CATEGORY|CITES]->(n)
WHERE NOT type(r) = 'CITES' OR r.inferred = false
WITH collect(r) AS rels, collect(DISTINCT n) AS nodes
FOREACH (r IN rels | DELETE r)
WITH nodes
UNWIND nodes AS n
WITH n
WHERE (n:Author OR n:Category OR (n:Paper AND n.stub = true)) AND NOT (n)--()
DELETE n
RETURN count(*) AS deleted
