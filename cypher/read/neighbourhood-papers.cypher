// Papers around a set of entities: for each entity, at most $perEntity papers with an edge into it,
// those introducing it first, and for entities mentioned by more than 200 papers (a hub such as
// GPU) only the introducing ones, so no entity costs more than a few papers. For the papers that
// introduce one of the entities, also what they compare against and run on. At most $max papers.
// Evidence sentences only when $evidence: the explorer's first view draws the edges and reads an
// edge's sentences when a user opens it (read/graph-edges), which keeps the view a few kilobytes.
// Rows are lean because every byte is packed by Neo4j and unpacked by the driver, about thirty rows
// and a hundred edges per view: an edge names its type and far end only (its source is the row's
// paper, a context edge's target its node), and carries an evidence key only when $evidence.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (e)<-[r:INTRODUCES]-(p:Paper)
  WITH p, r ORDER BY p.id LIMIT toInteger($perEntity)
  RETURN p, r
  UNION
  WITH e WHERE COUNT { (e)<-[:MENTIONS]-() } <= 200
  MATCH (e)<-[r:USES|COMPARES_TO|EVALUATED_ON]-(p:Paper)
  WITH p, r ORDER BY p.id LIMIT toInteger($perEntity)
  RETURN p, r
}
WITH p, collect(CASE WHEN $evidence
                   THEN {target: e.id, type: type(r), evidence: r {.paper, .sentence, .rule, .confidence, .field, .start, .end, .factId, .confirmed}}
                   ELSE {target: e.id, type: type(r)} END) AS edges,
     max(CASE WHEN type(r) = 'INTRODUCES' THEN 1 ELSE 0 END) AS home
ORDER BY home DESC, p.id
LIMIT toInteger($max)
CALL (p, home) {
  OPTIONAL MATCH (p)-[r:COMPARES_TO|EVALUATED_ON]->(x:Entity)
  WHERE home = 1
  RETURN collect(CASE WHEN $evidence
                   THEN {type: type(r), node: x {.id, .name, .kind, .topic}, evidence: r {.paper, .sentence, .rule, .confidence, .field, .start, .end, .factId, .confirmed}}
                   ELSE {type: type(r), node: x {.id, .name, .kind, .topic}} END) AS context
}
RETURN p {.id, .title, topic: head(COLLECT { MATCH (p)-[a:ABOUT]->(t:Topic) RETURN t.id ORDER BY a.weight DESC })} AS paper,
       edges, context
ORDER BY paper.id
