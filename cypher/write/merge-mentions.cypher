// (:Paper)-[:MENTIONS]->(entity): one edge per paper and entity it mentions in any role, derived from
// the paper's facts. Reads that ask "papers about X" (entity papers, timelines, trending, related)
// expand these instead of a union over five edge types, and their degree is the entity's paper count.
UNWIND $rows AS row
MATCH (p:Paper {id: row.paper})
UNWIND row.entities AS id
MATCH (e:Entity {id: id})
MERGE (p)-[:MENTIONS]->(e)
