// What the papers stored at or after $since state about each followed entity ($ids): the newest
// $first of those papers (papers counts them all), each with its facts about the entity: that it
// introduces it, builds on it, compares to it (with the claim), uses it, or runs on it, the builds-on
// edges it states into or out of it, and, for an entity that is not hardware, the hardware the paper
// runs on. Kinds are those of src/follow/changes.ts. The papers come from whichever side is smaller:
// the entity's papers (its MENTIONS degree) or the new papers ($added of them, an index range).
// Papers come without abstracts, as in read/papers-added.
// With $variants, the entity's sizes (VARIANT_OF, at most 3 hops, as read/entity-papers) count as
// the entity: a new paper that uses Llama-2-7B is news for who follows Llama 2, its fact naming the
// size (target or source), each paper once; variants lists the sizes' ids (a fact about one is
// about the entity, not the hardware a paper about it runs on).
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WITH id, e, CASE WHEN $variants THEN [e] + COLLECT { MATCH (v:Entity)-[:VARIANT_OF*1..3]->(e) RETURN DISTINCT v } ELSE [e] END AS xs
CALL (e, xs) {
  WITH xs WHERE reduce(n = 0, x IN xs | n + COUNT { (x)<-[:MENTIONS]-() }) <= toInteger($added)
  UNWIND xs AS x
  MATCH (p:Paper)-[:MENTIONS]->(x)
  WHERE p.addedAt >= datetime($since)
  RETURN p
  UNION
  WITH xs WHERE reduce(n = 0, x IN xs | n + COUNT { (x)<-[:MENTIONS]-() }) > toInteger($added)
  // Nested, so the guard runs before the index range (unnested, the planner read the range for
  // every entity and filtered on the degree afterwards).
  CALL (xs) {
    MATCH (p:Paper)
    WHERE p.addedAt >= datetime($since) AND EXISTS { (p)-[:MENTIONS]->(x) WHERE x IN xs }
    RETURN p
  }
  RETURN p
}
WITH id, e, xs, p ORDER BY p.addedAt DESC, p.title
WITH id, e, xs, collect(p) AS papers
UNWIND papers[0..toInteger($first)] AS p
CALL (p, e, xs) {
  UNWIND xs AS x
  MATCH (p)-[r:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(x)
  RETURN CASE type(r) WHEN 'INTRODUCES' THEN 'introduces' WHEN 'COMPARES_TO' THEN 'compares_to' WHEN 'EVALUATED_ON' THEN 'hardware'
              WHEN 'USES' THEN CASE r.fact WHEN 'builds_on' THEN 'builds_on' ELSE 'uses' END END AS kind,
         null AS source, x AS target, r
  UNION
  UNWIND xs AS x
  MATCH (x)-[r:BUILDS_ON {paper: p.id}]->(b:Entity)
  RETURN 'builds_on' AS kind, x AS source, b AS target, r
  UNION
  UNWIND xs AS x
  MATCH (a:Entity)-[r:BUILDS_ON {paper: p.id}]->(x)
  RETURN 'builds_on' AS kind, a AS source, x AS target, r
  UNION
  MATCH (p)-[r:EVALUATED_ON]->(h:Entity)
  WHERE NOT h IN xs AND e.kind <> 'Hardware'
  RETURN 'hardware' AS kind, null AS source, h AS target, r
}
WITH id, xs, size(papers) AS total, p, kind, source, target, r
ORDER BY p.addedAt DESC, p.title, kind, target.name, coalesce(source.name, '')
RETURN id, [x IN xs WHERE x.id <> id | x.id] AS variants, total, collect({
  kind: kind,
  paper: p {.id, .title, .listingDate, .sourceFile, .sourceLine, .addedAt},
  source: CASE WHEN source IS NULL THEN null ELSE source {.id, .name, .kind, .key, .aliases} END,
  target: target {.id, .name, .kind, .key, .aliases},
  evidence: r {.paper, .sentence, .rule, .confidence, .field, .start, .end, .claim, .factId, .confirmed}
}) AS facts
