// A paper as the paper(id) field shows it, in one statement: the paper (whole with $whole, else id,
// title and listing date), and, when asked, its facts ($facts), its $related most related papers
// (null: not asked) and its topics ($topics). The parts are read/paper-entities, read/paper-related
// and read/paper-topics for one paper, each in a subquery that reads nothing when its part is not
// asked (an aggregate over no rows still gives one row: an empty list). Why one statement: the
// field ran four (the paper, then the other three together), and at 100k papers each costs about
// 0.25 ms of Neo4j and 0.3 ms of the driver before it reads anything, a third of the request.
// The resolver hands each part to the loader that would have read it (src/api/fields/paper-view.ts).
MATCH (p:Paper {id: $id})
CALL (p) {
  WITH p WHERE $facts
  CALL (p) {
    MATCH (p)-[r:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e:Entity)
    RETURN type(r) AS type, r.fact AS fact, e {.id, .name, .kind, .key, .aliases} AS entity, r.confidence AS confidence
    UNION
    MATCH (:Entity)-[r:BUILDS_ON {paper: p.id}]->(e:Entity)
    RETURN type(r) AS type, r.fact AS fact, e {.id, .name, .kind, .key, .aliases} AS entity, r.confidence AS confidence
  }
  RETURN collect({type: type, fact: fact, entity: entity, confidence: confidence}) AS facts
}
CALL (p) {
  WITH p WHERE $related IS NOT NULL
  CALL (p) {
    MATCH (p)-[:MENTIONS]->(e:Entity)
    WITH e, COUNT { (e)<-[:MENTIONS]-() } AS df
    WHERE df > 1 AND df <= toInteger($maxDf)
    WITH e, df ORDER BY df, e.name
    MATCH (e)<-[:MENTIONS]-(q)
    WHERE q <> p
    WITH q, sum(1.0 / log(1.0 + df)) AS score
    WITH collect(q) AS qs, collect(score) AS ss
    WITH qs, ss, COLLECT { UNWIND ss AS s RETURN s ORDER BY s DESC LIMIT toInteger($related) } AS best
    UNWIND [i IN range(0, size(ss) - 1) WHERE ss[i] >= best[-1]] AS i
    WITH qs[i] AS q, ss[i] AS score
    ORDER BY score DESC, q.title
    LIMIT toInteger($related)
    WITH p, q, score, COLLECT { MATCH (q)-[:MENTIONS]->(m:Entity) RETURN m } AS theirs
    RETURN q {.id, .title, .listingDate, .sourceFile, .sourceLine} AS paper, score,
      COLLECT {
        MATCH (p)-[:MENTIONS]->(e:Entity)
        WHERE e IN theirs
        WITH e, COUNT { (e)<-[:MENTIONS]-() } AS df
        WHERE df > 1 AND df <= toInteger($maxDf)
        RETURN e {.id, .name, .kind, .key, .aliases} ORDER BY df, e.name
      } AS shared
  }
  RETURN collect({paper: paper, score: score, shared: shared}) AS related
}
CALL (p) {
  WITH p WHERE $topics
  MATCH (p)-[a:ABOUT]->(t:Topic)
  WITH a, t
  ORDER BY a.weight DESC, t.rank
  RETURN collect(t {.id, .name, .size, .rank, .entities, .terms, weight: a.weight}) AS topics
}
RETURN CASE WHEN $whole THEN p {.*} ELSE p {.id, .title, .listingDate} END AS paper, facts, related, topics
