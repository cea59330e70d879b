// For each paper, the papers sharing the most entities with it. A shared entity weighs
// 1 / ln(1 + df), df being how many papers mention it, so rare entities count more than common ones.
UNWIND $ids AS id
MATCH (p:Paper {id: id})
CALL (p) {
  MATCH (p)-[:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e:Entity)<-[:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]-(q:Paper)
  WHERE q <> p AND NOT coalesce(q.stub, false)
  WITH DISTINCT q, e
  WITH q, e, COUNT { MATCH (x:Paper)-[:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e) RETURN DISTINCT x } AS df
  ORDER BY df, e.name
  WITH q, sum(1.0 / log(1.0 + df)) AS score, collect(e {.id, .name, .kind, .key, .aliases}) AS shared
  ORDER BY score DESC, q.title
  LIMIT toInteger($first)
  RETURN q {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine} AS paper, score, shared
}
RETURN id, paper, score, shared
