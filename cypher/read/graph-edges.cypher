// Edges of a drawn view, by GraphEdge id, with their evidence sentences: the explorer draws a view
// without its sentences (neighbourhood) and reads them here when a user opens an edge or a paper.
// $edges holds {id, type, source, target} (src/export/neighbourhood.ts parseEdgeId); an edge that
// does not exist has no row. Each row has at most $first sentences, by paper then offset, and only
// $paper's when $paper is set (a paper's own sentences across the builds-on edges of a view).
// Why it is cheap whatever the degrees: a builds-on pair is an equality seek on the bySource index
// (the source's id, then the target's key and id: write/merge-builds-on), which lists exactly the
// pair's parallel edges (one per paper stating it), never the thousands around a hub; a paper's
// edges expand from the paper, which has a few dozen at most.
UNWIND $edges AS edge
CALL (edge) {
  WITH edge WHERE edge.type = 'BUILDS_ON'
  MATCH (c:Entity {id: edge.target})
  MATCH ()-[r:BUILDS_ON]->()
  USING INDEX SEEK r:BUILDS_ON(bySource)
  WHERE r.bySource = edge.source + ' ' + c.key + ' ' + c.id
  RETURN r
  UNION
  WITH edge WHERE edge.type IN ['INTRODUCES', 'USES', 'COMPARES_TO', 'EVALUATED_ON', 'CITES']
  MATCH (p:Paper {id: edge.source})-[r]->(x)
  WHERE type(r) = edge.type AND x.id = edge.target
  RETURN r
}
WITH edge, r ORDER BY r.paper, r.start
WITH edge, [r IN collect(r) WHERE r.sentence IS NOT NULL AND ($paper IS NULL OR r.paper = $paper)][..toInteger($first)] AS kept
// Each sentence names its paper briefly (id, title, listing date: what the explorer's panel shows of
// it), read here with a seek per sentence rather than by a second statement (read/paper-brief).
CALL (kept) {
  UNWIND kept AS r
  OPTIONAL MATCH (q:Paper {id: r.paper})
  RETURN collect(r {.paper, .sentence, .rule, .confidence, .field, .start, .end, .factId, .confirmed, .claim,
                    paperBrief: q {.id, .title, .listingDate}}) AS evidence
}
RETURN edge.id AS id, evidence
