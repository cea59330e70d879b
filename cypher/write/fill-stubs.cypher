// A stub created from a reference that named only an upstream id ("openalex:W123") has its own key;
// when the paper itself arrives, its citations move to the real node and the stub goes.
UNWIND $rows AS row
MATCH (p:Paper {id: row.id})
MATCH (s:Paper {externalId: row.externalId})
WHERE s.stub = true AND s <> p
CALL (s, p) {
  MATCH (q:Paper)-[:CITES]->(s)
  WHERE q <> p
  MERGE (q)-[c:CITES]->(p)
  SET c.inferred = false
}
DETACH DELETE s
RETURN count(*) AS filled
