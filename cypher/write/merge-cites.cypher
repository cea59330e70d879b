// Explicit references: (:Paper)-[:CITES {inferred: false}]->(:Paper). A cited paper not ingested yet
// becomes a stub ({stub: true}, title and externalId as the reference gives them), filled in later.
// A reference found by its upstream id wins over the title key, so it reaches the existing node.
UNWIND $rows AS row
MATCH (src:Paper {id: row.paper})
OPTIONAL MATCH (known:Paper)
WHERE known.externalId = row.externalId
WITH src, row, head(collect(known.id)) AS knownId
MERGE (dst:Paper {id: coalesce(knownId, row.id)})
ON CREATE SET dst.stub = true, dst.title = row.title, dst.externalId = row.externalId
WITH src, dst
WHERE src <> dst
MERGE (src)-[c:CITES]->(dst)
SET c.inferred = false
