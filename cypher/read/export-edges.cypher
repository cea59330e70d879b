// Every relationship between papers, entities and topics for `techtree export`, with its evidence.
MATCH (a)-[r]->(b)
WHERE (a:Paper OR a:Entity) AND (b:Paper OR b:Entity OR b:Topic) AND type(r) <> 'MENTIONS'
RETURN a.id AS source, b.id AS target, type(r) AS type,
       r {.fact, .paper, .sentence, .field, .start, .end, .rule, .confidence, .claim, .weight, .inferred} AS props
ORDER BY source, target, type, props.paper
