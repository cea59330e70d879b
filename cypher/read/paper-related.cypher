// For each paper, the papers sharing the most entities with it (MENTIONS). A shared entity weighs
// 1 / ln(1 + df), df being how many papers mention it (its MENTIONS degree), so rare entities count
// more than common ones. Entities in more than $maxDf papers (GPU, say) add almost nothing to any
// score, and walking their papers would cost more than the rest together, so they are left out.
// Ordered by score, then title. Bounded reads: a paper's entities reach about 2,000 candidates at
// 100k papers, and reading every candidate's label and title for the tie-break was two thirds of
// the statement's db hits. So the candidates are scored from the edges alone (MENTIONS comes only
// from papers), the $first-th best score is found among the scores, and only candidates reaching it
// are ordered by title (the candidates kept as two lists, papers and scores, and the ones reaching
// it picked by index in one expression: 0.1-0.3 ms less Neo4j CPU per call at 100k than a list of
// maps unwound and filtered row by row, six alternated rounds of 600 calls); the shared entities
// are read for the kept papers only, by listing each kept paper's entities and keeping this paper's
// that are among them (matching the two-hop pattern instead tested this paper's every edge for each
// shared entity: 737 of 2,896 db hits at 100k). The papers come without abstracts (Paper.abstract
// reads one when a query asks).
UNWIND $ids AS id
MATCH (p:Paper {id: id})
CALL (p) {
  MATCH (p)-[:MENTIONS]->(e:Entity)
  WITH e, COUNT { (e)<-[:MENTIONS]-() } AS df
  WHERE df > 1 AND df <= toInteger($maxDf)
  WITH e, df ORDER BY df, e.name
  MATCH (e)<-[:MENTIONS]-(q)
  WHERE q <> p
  WITH q, sum(1.0 / log(1.0 + df)) AS score
  WITH collect(q) AS qs, collect(score) AS ss
  WITH qs, ss, COLLECT { UNWIND ss AS s RETURN s ORDER BY s DESC LIMIT toInteger($first) } AS best
  UNWIND [i IN range(0, size(ss) - 1) WHERE ss[i] >= best[-1]] AS i
  WITH qs[i] AS q, ss[i] AS score
  ORDER BY score DESC, q.title
  LIMIT toInteger($first)
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
RETURN id, paper, score, shared
