// A paper and everything it states: its entity edges, the builds-on edges it is evidence for,
// and the papers it cites or is cited by (inferred).
MATCH (p:Paper {id: $id})
CALL (p) {
  OPTIONAL MATCH (p)-[r:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(x:Entity)
  RETURN collect({source: p.id, target: x.id, type: type(r), node: x {.id, .name, .kind, .topic},
                  evidence: r {.paper, .sentence, .rule, .confidence, .field, .start, .end, .factId, .confirmed, .claim}}) AS facts
}
CALL (p) {
  OPTIONAL MATCH (a:Entity)-[b:BUILDS_ON {paper: p.id}]->(c:Entity)
  RETURN collect({source: a.id, target: c.id, type: 'BUILDS_ON', from: a {.id, .name, .kind, .topic}, to: c {.id, .name, .kind, .topic},
                  evidence: b {.paper, .sentence, .rule, .confidence, .field, .start, .end, .factId, .confirmed}}) AS lineage
}
CALL (p) {
  OPTIONAL MATCH (p)-[c:CITES]-(q:Paper)
  RETURN collect({source: startNode(c).id, target: endNode(c).id,
                  node: q {.id, .title, topic: head(COLLECT { MATCH (q)-[a:ABOUT]->(t:Topic) RETURN t.id ORDER BY a.weight DESC })}}) AS cites
}
RETURN p {.id, .title, topic: head(COLLECT { MATCH (p)-[a:ABOUT]->(t:Topic) RETURN t.id ORDER BY a.weight DESC })} AS paper,
       facts, lineage, cites
