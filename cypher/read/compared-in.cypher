// Papers that compare themselves against each $ids entity, with their claims (batched).
UNWIND $ids AS id
MATCH (p:Paper)-[r:COMPARES_TO]->(e:Entity {id: id})
RETURN id, p.id AS paper, e {.id, .name, .kind, .key, .aliases} AS entity,
       r {.paper, .sentence, .rule, .confidence, .field, .start, .end, .claim, .claimMetric, .claimValue, .claimUnit, .claimDirection} AS rel
ORDER BY id, p.title
