// Trending entities: those whose share of the recent papers grew most against their history,
// ranked by surprise. The window holds the papers listed on or after $from (an ISO day, a
// listedOn index range) or, for a label without a year, on or after $fromDay (month * 100 + day);
// with neither, the last $days days up to the newest listing day in the graph.
//   recent   papers in the window mentioning the entity (MENTIONS), of R papers in the window
//   before   its other papers (its MENTIONS degree minus recent), of B = all other papers
//   expected recent mentions its history predicts: R × (before + m / R) / (B + m), with m = $prior
//            pseudo-papers (so a short history says little, and an entity never seen expects 0)
//   score    specificity² × log2(1 + recent - expected): the mentions beyond the expected ones (on a
//            log scale, so volume alone cannot win), weighted by how much the entity tells about a
//            paper's topic (bits, set when topics are computed; GPU, mentioned across every topic,
//            is near 0). Specificity counts twice, so a topical entity outranks a generic one
//            mentioned several times as often. The vocabulary's umbrella terms (e.generic: attention,
//            LLM, GPU) are facts of their papers but never news, so they are left out.
// Only the window's papers are read; everything else comes from the count store and degrees.
CALL () { MATCH (p:Paper) RETURN count(p) AS everything }
CALL () { MATCH (p:Paper) WHERE p.stub = true RETURN count(p) AS stubs }
CALL () {
  MATCH (p:Paper) WHERE p.listedOn IS NOT NULL
  RETURN p.listedOn AS newest ORDER BY p.listedOn DESC LIMIT 1
}
WITH everything - stubs AS papers,
     CASE WHEN $from IS NOT NULL THEN date($from)
          WHEN $fromDay IS NOT NULL THEN date('0000-01-01')
          ELSE newest - duration({days: toInteger($days) - 1}) END AS from
CALL (from) {
  MATCH (p:Paper)
  WHERE p.listedOn >= from AND ($fromDay IS NULL OR p.listedOn.month * 100 + p.listedOn.day >= $fromDay)
  RETURN count(p) AS window
}
MATCH (p:Paper)
WHERE p.listedOn >= from AND ($fromDay IS NULL OR p.listedOn.month * 100 + p.listedOn.day >= $fromDay)
MATCH (p)-[:MENTIONS]->(e:Entity) WHERE NOT coalesce(e.generic, false)
WITH papers, window, e, count(p) AS recent
WITH papers, window, e, recent, COUNT { (e)<-[:MENTIONS]-() } - recent AS before
WITH e, recent, before, (toFloat(window) * before + $prior) / (papers - window + $prior) AS expected
WITH e, recent, before, expected, coalesce(e.specificity, 1.0) ^ 2 * log(1.0 + recent - expected) / log(2.0) AS score
WHERE recent > expected AND score > 0
RETURN e.id AS id, e {.id, .name, .kind, .key, .aliases} AS entity, recent, before, recent - before AS growth,
       round(expected * 1000) / 1000 AS expected, round(score * 1000) / 1000 AS score
ORDER BY score DESC, recent DESC, entity.name
LIMIT toInteger($first)
