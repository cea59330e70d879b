// (:Paper)-[:AUTHORED_BY {position}]->(:Author), authors keyed by "author:" + nameKey(name).
UNWIND $rows AS row
MATCH (p:Paper {id: row.paper})
MERGE (a:Author {id: row.id})
ON CREATE SET a.name = row.name
MERGE (p)-[r:AUTHORED_BY]->(a)
SET r.position = row.position
