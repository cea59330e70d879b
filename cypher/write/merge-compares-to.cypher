// (:Paper)-[:COMPARES_TO]->(entity), one edge per paper, entity and fact kind; props carry the evidence.
UNWIND $rows AS row
MATCH (p:Paper {id: row.paper})
MATCH (e:Entity {id: row.entity})
MERGE (p)-[r:COMPARES_TO {fact: row.fact}]->(e)
SET r += row.props
