// (entity)-[:BUILDS_ON]->(entity), one edge per paper that says so; props carry the evidence.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:BUILDS_ON {paper: row.paper}]->(b)
SET r += row.props
