// Every extracted fact of the given papers: paper->entity edges and the paper's BUILDS_ON edges.
UNWIND $ids AS id
CALL (id) {
  MATCH (:Paper {id: id})-[r:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e:Entity)
  RETURN type(r) AS type, r.fact AS fact, e {.id, .name, .kind, .key, .aliases} AS entity, r.confidence AS confidence
  UNION
  MATCH (:Entity)-[r:BUILDS_ON {paper: id}]->(e:Entity)
  RETURN type(r) AS type, r.fact AS fact, e {.id, .name, .kind, .key, .aliases} AS entity, r.confidence AS confidence
}
RETURN id, type, fact, entity, confidence
