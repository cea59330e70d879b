// What the root builds on, as hops along every path up to the depth bound (*1..10 is rewritten to the
// validated depth). Each hop carries its evidence; the caller dedupes hops and computes depths.
MATCH (root:Entity {id: $id})
MATCH path = (root)-[:BUILDS_ON*1..10]->(:Entity)
RETURN [n IN nodes(path) | n {.id, .name, .kind, .topic}] AS nodes,
       [r IN relationships(path) |
         {source: startNode(r).id, target: endNode(r).id,
          evidence: r {.paper, .sentence, .rule, .confidence, .field, .start, .end}}] AS hops
LIMIT 2000
