// (:Paper)-[:IN_CATEGORY]->(:Category), categories keyed by their code ("cs.CL") or field name.
UNWIND $rows AS row
MATCH (p:Paper {id: row.paper})
MERGE (c:Category {id: row.id})
ON CREATE SET c.name = row.name
MERGE (p)-[:IN_CATEGORY]->(c)
