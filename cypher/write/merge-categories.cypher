// (:Paper)-[:IN_CATEGORY {sources}]->(:Category), categories keyed by their code ("cs.CL") or field
// name; `sources` names the sources that give the category.
UNWIND $rows AS row
MATCH (p:Paper {id: row.paper})
MERGE (c:Category {id: row.id})
ON CREATE SET c.name = row.name
MERGE (p)-[r:IN_CATEGORY]->(c)
SET r.sources = row.sources
