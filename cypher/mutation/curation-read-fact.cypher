// A stored fact by what its fact id names (src/domain/curation.ts): a paper edge ($paper, $fact,
// $entity) or a lineage edge ($paper, $from, $to), with the rows that would write it again.
MATCH (p:Paper {id: $paper})-[r:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e:Entity {id: $entity})
WHERE r.fact = $fact
RETURN type(r) AS type, properties(r) AS props, [e {.id, .key, .name, .kind, .aliases, .aliasKeys}] AS entities
UNION
MATCH (a:Entity {id: $from})-[r:BUILDS_ON {paper: $paper}]->(b:Entity {id: $to})
RETURN 'BUILDS_ON' AS type, properties(r) AS props,
       [a {.id, .key, .name, .kind, .aliases, .aliasKeys}, b {.id, .key, .name, .kind, .aliases, .aliasKeys}] AS entities
