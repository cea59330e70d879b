// Removes every extracted fact of the given papers (before their new facts are written), and the
// citations inferred from or to them. Returns the entities that lost an edge, for orphan cleanup.
UNWIND $ids AS id
MATCH (p:Paper {id: id})
OPTIONAL MATCH (p)-[r:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON|MENTIONS]->(e:Entity)
WITH p, collect(r) AS rels, collect(DISTINCT e.id) AS touched
FOREACH (r IN rels | DELETE r)
WITH p, touched
OPTIONAL MATCH (a:Entity)-[b:BUILDS_ON {paper: p.id}]->(c:Entity)
WITH p, touched, collect(b) AS lineage, collect(DISTINCT a.id) + collect(DISTINCT c.id) AS touchedLineage
FOREACH (b IN lineage | DELETE b)
WITH p, touched + touchedLineage AS touched
OPTIONAL MATCH (p)-[c:CITES {inferred: true}]-(:Paper)
WITH touched, collect(c) AS cites
FOREACH (c IN cites | DELETE c)
WITH touched
UNWIND touched AS entityId
RETURN DISTINCT entityId
