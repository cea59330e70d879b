// Papers that compare themselves against the entity, with their claims.
MATCH (p:Paper)-[r:COMPARES_TO]->(e:Entity {id: $id})
RETURN p.id AS paper, e {.id, .name, .kind, .key, .aliases} AS entity,
       r {.paper, .sentence, .rule, .confidence, .field, .start, .end, .claim, .claimMetric, .claimValue, .claimUnit, .claimDirection} AS rel
ORDER BY p.title
