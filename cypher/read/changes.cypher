// What changed since $since, in one statement (src/follow/changes.ts readChanges): how many papers
// were first stored at or after it and the newest $first of them (a range scan of paper_added_at;
// stubs have no addedAt; no abstracts: no feed or digest shows them, and the API's Paper.abstract
// reads one when a query asks), the ingest runs that finished in it (as read/ingests, newest first,
// at most $first), the followed names ($keys: {key, singular}) to entities (as read/find-entities,
// so a plural finds its singular when it names nothing itself), what those papers state about each
// entity found (as read/entity-changes, whose $added is the count read here; with $variants, its sizes
// too), and the corrections
// made or undone in it: how many, and those touching each entity found, or an entity of the key of a
// name that finds none (as read/entity-corrections). Why one statement: changes ran four, three
// together and then the facts, and at 100k papers each costs about 0.25 ms of Neo4j and 0.3 ms of the
// driver before it reads anything. The feeds (readFollowed) still read the last three parts with
// their own statements.
CALL () {
  MATCH (p:Paper) WHERE p.addedAt >= datetime($since)
  RETURN count(p) AS added
}
CALL () {
  MATCH (p:Paper) WHERE p.addedAt >= datetime($since)
  WITH p ORDER BY p.addedAt DESC, p.sourceFile, p.sourceLine LIMIT toInteger($first)
  RETURN collect(p {.id, .title, .listingDate, .sourceFile, .sourceLine, .addedAt}) AS page
}
CALL () {
  MATCH (i:Ingest)
  WHERE i.finishedAt >= datetime($since)
  WITH i ORDER BY i.finishedAt DESC, i.id DESC LIMIT toInteger($first)
  RETURN collect(i {.*}) AS ingests
}
CALL () {
  // read/find-entities' steps, line for line (a unit test checks), keeping the names that find nothing.
  UNWIND $keys AS name
  OPTIONAL MATCH (k:Entity {key: name.key})
  WITH name, k ORDER BY CASE k.kind WHEN 'Technique' THEN 0 WHEN 'Model' THEN 1 ELSE 2 END, size(k.name), k.key, k.kind
  WITH name, head(collect(k)) AS byName
  OPTIONAL CALL (name, byName) {
    WITH name, byName WHERE byName IS NULL
    CALL (name) {
      MATCH (e:Entity)
      WHERE e.aliasKeyText CONTAINS ' ' + name.key + ' '
      RETURN e ORDER BY CASE e.kind WHEN 'Technique' THEN 0 WHEN 'Model' THEN 1 ELSE 2 END, size(e.name), e.key, e.kind LIMIT 1
    }
    RETURN e AS byAlias
  }
  WITH name, coalesce(byName, byAlias) AS found
  OPTIONAL CALL (name, found) {
    WITH name, found WHERE found IS NULL AND name.singular IS NOT NULL
    CALL (name) {
      MATCH (e:Entity {key: name.singular})
      RETURN e ORDER BY CASE e.kind WHEN 'Technique' THEN 0 WHEN 'Model' THEN 1 ELSE 2 END, size(e.name), e.key, e.kind LIMIT 1
    }
    RETURN e AS bySingular
  }
  WITH name, coalesce(found, bySingular) AS found
  OPTIONAL CALL (name, found) {
    WITH name, found WHERE found IS NULL AND name.singular IS NOT NULL
    CALL (name) {
      MATCH (e:Entity)
      WHERE e.aliasKeyText CONTAINS ' ' + name.singular + ' '
      RETURN e ORDER BY CASE e.kind WHEN 'Technique' THEN 0 WHEN 'Model' THEN 1 ELSE 2 END, size(e.name), e.key, e.kind LIMIT 1
    }
    RETURN e AS bySingularAlias
  }
  WITH name, coalesce(found, bySingularAlias) AS e
  RETURN collect({key: name.key, entity: e {.id, .name, .kind, .key, .aliases}}) AS found
}
CALL (added, found) {
  UNWIND found AS f
  WITH DISTINCT f.entity.id AS id
  WHERE id IS NOT NULL AND added > 0
  MATCH (e:Entity {id: id})
  // With $variants its sizes count as it, as in read/entity-changes.
  WITH id, e, CASE WHEN $variants THEN [e] + COLLECT { MATCH (v:Entity)-[:VARIANT_OF*1..3]->(e) RETURN DISTINCT v } ELSE [e] END AS xs
  CALL (e, xs, added) {
    WITH xs, added WHERE reduce(n = 0, x IN xs | n + COUNT { (x)<-[:MENTIONS]-() }) <= added
    UNWIND xs AS x
    MATCH (p:Paper)-[:MENTIONS]->(x)
    WHERE p.addedAt >= datetime($since)
    RETURN p
    UNION
    WITH xs, added WHERE reduce(n = 0, x IN xs | n + COUNT { (x)<-[:MENTIONS]-() }) > added
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
  WITH id, [x IN xs WHERE x.id <> id | x.id] AS variants, total, collect({
    kind: kind,
    paper: p {.id, .title, .listingDate, .sourceFile, .sourceLine, .addedAt},
    source: CASE WHEN source IS NULL THEN null ELSE source {.id, .name, .kind, .key, .aliases} END,
    target: target {.id, .name, .kind, .key, .aliases},
    evidence: r {.paper, .sentence, .rule, .confidence, .field, .start, .end, .claim, .factId, .confirmed}
  }) AS facts
  RETURN collect({id: id, variants: variants, total: total, facts: facts}) AS followed
}
CALL () {
  CALL () {
    MATCH (c:Curation) WHERE c.at >= $since RETURN c
    UNION
    MATCH (c:Curation) WHERE c.undoneAt >= $since RETURN c
  }
  WITH c WHERE c.action <> 'confirm'
  RETURN collect(c) AS corrected
}
CALL (found, corrected) {
  // read/entity-corrections' lines, in order (a unit test checks), on the ids and keys found here.
  // found holds the keys that found an entity; the other keys of $keys may name one a correction took out.
  WITH corrected, [f IN found WHERE f.entity IS NOT NULL | f.entity.id] AS ids,
       [name IN $keys WHERE NOT name.key IN [f IN found WHERE f.entity IS NOT NULL | f.key] | name.key] AS keys
  UNWIND corrected AS c
  WITH ids, keys, c, [x IN split(coalesce(c.factId, ''), '|') WHERE x CONTAINS ':'] + [x IN [c.entity, c.from, c.into] WHERE x IS NOT NULL] AS touched
  UNWIND [id IN ids WHERE id IN touched OR ($variants AND any(t IN touched WHERE EXISTS { (:Entity {id: t})-[:VARIANT_OF*1..3]->(:Entity {id: id}) }))]
         + [key IN keys WHERE any(t IN touched WHERE split(t, ':')[1] = key)] AS id
  WITH DISTINCT id, c
  WITH id, c ORDER BY coalesce(c.undoneAt, c.at) DESC, c.id DESC
  WITH id, collect(c) AS cs
  UNWIND cs[0..toInteger($first)] AS c
  OPTIONAL MATCH (p:Paper {id: c.paper})
  WITH id, size(cs) AS total,
       collect({curation: c {.*}, paper: p {.id, .title, .listingDate, .sourceFile, .sourceLine, .addedAt}}) AS corrections
  RETURN collect({id: id, total: total, corrections: corrections}) AS corrections
}
RETURN added, page, ingests, found, followed, size(corrected) AS correctionCount, corrections
