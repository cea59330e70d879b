// For each paper, the papers sharing the most entities with it (MENTIONS). A shared entity weighs
// 1 / ln(1 + df), df being how many papers mention it (its MENTIONS degree), so rare entities count
// more than common ones. Entities in more than $maxDf papers (GPU, say) add almost nothing to any
// score, and walking their papers would cost more than the rest together, so they are left out.
// The shared entities are projected for the kept papers only, not for every candidate.
UNWIND $ids AS id
MATCH (p:Paper {id: id})
CALL (p) {
  MATCH (p)-[:MENTIONS]->(e:Entity)
  WITH e, COUNT { (e)<-[:MENTIONS]-() } AS df
  WHERE df > 1 AND df <= toInteger($maxDf)
  MATCH (e)<-[:MENTIONS]-(q:Paper)
  WHERE q <> p
  WITH q, e, df
  ORDER BY df, e.name
  WITH q, sum(1.0 / log(1.0 + df)) AS score, collect(e) AS shared
  ORDER BY score DESC, q.title
  LIMIT toInteger($first)
  RETURN q {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine} AS paper, score,
    [e IN shared | e {.id, .name, .kind, .key, .aliases}] AS shared
}
RETURN id, paper, score, shared
