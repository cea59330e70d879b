// (entity)-[:BUILDS_ON]->(entity), one edge per paper that says so; props carry the evidence.
// byTarget and bySource are the lineage walk's sort keys (cypher/schema/25, 26): an endpoint's id,
// then the other end's key and id, space-separated (keys are letters and digits only, so a space
// sorts before any of them and "flash" comes before "flashattention"). Keys and ids never change,
// so the edge keeps them for its life; mutation/curation-move-edges sets them on the edges it makes.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:BUILDS_ON {paper: row.paper}]->(b)
SET r += row.props, r.byTarget = b.id + ' ' + a.key + ' ' + a.id, r.bySource = a.id + ' ' + b.key + ' ' + b.id
