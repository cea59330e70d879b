// (:Paper)-[:AUTHORED_BY {position, sources}]->(:Author), authors keyed by "author:" + nameKey(name);
// `sources` names the sources that list the author, position is in the first source's list.
UNWIND $rows AS row
MATCH (p:Paper {id: row.paper})
MERGE (a:Author {id: row.id})
ON CREATE SET a.name = row.name
MERGE (p)-[r:AUTHORED_BY]->(a)
SET r.position = row.position, r.sources = row.sources
