// (:Paper)-[:EVALUATED_ON]->(entity), one edge per paper, entity and fact kind; props carry the evidence.
UNWIND $rows AS row
MATCH (p:Paper {id: row.paper})
MATCH (e:Entity {id: row.entity})
MERGE (p)-[r:EVALUATED_ON {fact: row.fact}]->(e)
SET r += row.props
