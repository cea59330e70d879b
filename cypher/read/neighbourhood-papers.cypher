// Papers around a set of entities: for each entity, at most $perEntity papers with an edge into it,
// those introducing it first, and for entities mentioned by more than 200 papers (a hub such as
// GPU) only the introducing ones, so no entity costs more than a few papers. For the papers that
// introduce one of the entities, also what they compare against and run on. At most $max papers.
// Evidence sentences only when $evidence: the explorer's first view draws the edges and reads an
// edge's sentences when a user opens it (read/graph-edges), which keeps the view a few kilobytes.
// The papers come as one list (ordered by id) in one row, with the entities their context reaches
// and the names of the view's topics (see the end). They are lean because every byte is packed by
// Neo4j and unpacked by the driver, about thirty papers and a hundred edges per view: an edge names
// its far end and type only (its source is the paper), with its evidence only when $evidence; an
// entity of the context comes once, however many papers compare against it or run on it (88 context
// edges reach 37 entities in the bench's view), and not at all when it is one of $ids.
// Every record is a list, not a map (src/export/neighbourhood.ts names the positions): a map's keys
// are packed and unpacked again for every paper, edge and entity, some four hundred records a view.
// A paper is [id, title, topic, edges, context], an edge [target, type, evidence or null], an
// entity [id, name, kind, topic], a topic [id, name].
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
WITH p, collect([e.id, type(r), CASE WHEN $evidence THEN r {.paper, .sentence, .rule, .confidence, .field, .start, .end, .factId, .confirmed, .claim} END]) AS edges,
     max(CASE WHEN type(r) = 'INTRODUCES' THEN 1 ELSE 0 END) AS home
ORDER BY home DESC, p.id
LIMIT toInteger($max)
// One expansion of the paper's edges gives both its strongest topic and, for a paper introducing one
// of the entities, its context: a paper's edges are one chain that each typed expansion walks whole,
// so two expansions (topic, context) read it twice (2,690 -> 1,763 db hits for the bench's view).
// No label is checked on the far end: ABOUT ends at a Topic, COMPARES_TO and EVALUATED_ON at an
// entity (write/merge-paper-topics, merge-compares-to, merge-evaluated-on and the curation moves
// make no other), and testing labels in the expansion cost 990 db hits.
CALL (p, home) {
  OPTIONAL MATCH (p)-[r:COMPARES_TO|EVALUATED_ON|ABOUT]->(x)
  WHERE home = 1 OR r:ABOUT
  WITH r, x ORDER BY CASE WHEN r:ABOUT THEN r.weight ELSE -1.0 END DESC
  RETURN head(collect(CASE WHEN r:ABOUT THEN x.id END)) AS topic,
         collect(CASE WHEN r IS NULL OR r:ABOUT THEN null
                      ELSE [x.id, type(r), CASE WHEN $evidence THEN r {.paper, .sentence, .rule, .confidence, .field, .start, .end, .factId, .confirmed, .claim} END] END) AS context,
         collect(CASE WHEN r IS NULL OR r:ABOUT THEN null ELSE x END) AS reached
}
WITH p, topic, edges, context, reached ORDER BY p.id
WITH collect([p.id, p.title, topic, edges, context]) AS papers, collect(reached) AS reached
CALL (reached) {
  UNWIND reached AS xs
  UNWIND xs AS x
  WITH DISTINCT x WHERE NOT x.id IN $ids
  RETURN collect([x.id, x.name, x.kind, x.topic]) AS nodes
}
// The name of every topic the view shows, with its papers rather than in a statement of its own
// (each statement costs Neo4j and the driver about half a millisecond of CPU before it reads
// anything): the topics of the caller's entities ($topics, null to read no names), of the papers
// and of their context's entities. One row in all.
CALL (papers, nodes) {
  WITH papers, nodes WHERE $topics IS NOT NULL
  UNWIND $topics + [x IN papers | x[2]] + [n IN nodes | n[3]] AS tid
  WITH DISTINCT tid WHERE tid IS NOT NULL
  MATCH (t:Topic {id: tid})
  RETURN collect([t.id, t.name]) AS topics
}
RETURN papers, nodes, topics
