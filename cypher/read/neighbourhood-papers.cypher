// Papers around a set of entities: every paper edge into them, and for the papers that introduce
// one of them, what those papers compare against and run on.
UNWIND $ids AS id
MATCH (e:Entity {id: id})<-[r:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]-(p:Paper)
WITH p, collect({source: p.id, target: e.id, type: type(r),
                 evidence: r {.paper, .sentence, .rule, .confidence, .field, .start, .end}}) AS edges,
     max(CASE WHEN type(r) = 'INTRODUCES' THEN 1 ELSE 0 END) AS home
CALL (p, home) {
  OPTIONAL MATCH (p)-[r:COMPARES_TO|EVALUATED_ON]->(x:Entity)
  WHERE home = 1
  RETURN collect({source: p.id, target: x.id, type: type(r), node: x {.id, .name, .kind, .topic},
                  evidence: r {.paper, .sentence, .rule, .confidence, .field, .start, .end}}) AS context
}
RETURN p {.id, .title, topic: head(COLLECT { MATCH (p)-[a:ABOUT]->(t:Topic) RETURN t.id ORDER BY a.weight DESC })} AS paper,
       edges, context
ORDER BY paper.id
LIMIT 300
