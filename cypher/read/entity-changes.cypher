// What the papers stored at or after $since state about each followed entity ($ids): the newest
// $first of those papers (papers counts them all), each with its facts about the entity: that it
// introduces it, builds on it, compares to it (with the claim), uses it, or runs on it, the builds-on
// edges it states into or out of it, and, for an entity that is not hardware, the hardware the paper
// runs on. Kinds are those of src/follow/changes.ts. The papers come from whichever side is smaller:
// the entity's papers (its MENTIONS degree) or the new papers ($added of them, an index range).
// Papers come without abstracts, as in read/papers-added.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  WITH e WHERE COUNT { (e)<-[:MENTIONS]-() } <= toInteger($added)
  MATCH (p:Paper)-[:MENTIONS]->(e)
  WHERE p.addedAt >= datetime($since)
  RETURN p
  UNION
  WITH e WHERE COUNT { (e)<-[:MENTIONS]-() } > toInteger($added)
  // Nested, so the guard runs before the index range (unnested, the planner read the range for
  // every entity and filtered on the degree afterwards).
  CALL (e) {
    MATCH (p:Paper)
    WHERE p.addedAt >= datetime($since) AND EXISTS { (p)-[:MENTIONS]->(e) }
    RETURN p
  }
  RETURN p
}
WITH id, e, p ORDER BY p.addedAt DESC, p.title
WITH id, e, collect(p) AS papers
UNWIND papers[0..toInteger($first)] AS p
CALL (p, e) {
  MATCH (p)-[r:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e)
  RETURN CASE type(r) WHEN 'INTRODUCES' THEN 'introduces' WHEN 'COMPARES_TO' THEN 'compares_to' WHEN 'EVALUATED_ON' THEN 'hardware'
              WHEN 'USES' THEN CASE r.fact WHEN 'builds_on' THEN 'builds_on' ELSE 'uses' END END AS kind,
         null AS source, e AS target, r
  UNION
  MATCH (a:Entity)-[r:BUILDS_ON {paper: p.id}]->(b:Entity)
  WHERE a = e OR b = e
  RETURN 'builds_on' AS kind, a AS source, b AS target, r
  UNION
  MATCH (p)-[r:EVALUATED_ON]->(h:Entity)
  WHERE h <> e AND e.kind <> 'Hardware'
  RETURN 'hardware' AS kind, null AS source, h AS target, r
}
WITH id, size(papers) AS total, p, kind, source, target, r
ORDER BY p.addedAt DESC, p.title, kind, target.name, coalesce(source.name, '')
RETURN id, total, collect({
  kind: kind,
  paper: p {.id, .title, .listingDate, .sourceFile, .sourceLine, .addedAt},
  source: CASE WHEN source IS NULL THEN null ELSE source {.id, .name, .kind, .key, .aliases} END,
  target: target {.id, .name, .kind, .key, .aliases},
  evidence: r {.paper, .sentence, .rule, .confidence, .field, .start, .end, .claim, .factId, .confirmed}
}) AS facts
