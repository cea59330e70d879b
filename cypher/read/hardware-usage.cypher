// Hardware by the number of papers that run or evaluate on it: the EVALUATED_ON degree of each
// hardware node (one edge per paper), read from the degree store. Categories are derived in src/api,
// so a category filter reads every row ($limit null); without one only the first $limit come back.
// With $variants a chip's sizes fold into it (VARIANT_OF, at most 3 hops: A100-80GB -> A100): a size
// is no row of its own, and its base counts the distinct papers of itself and its sizes (a paper
// naming both the A100 and the A100-80GB once), since a paper that ran on A100-80GBs ran on A100s.
// Whether a chip is a size or has sizes is read from the degree store (VARIANT_OF joins entities of
// one kind), so only the few chips with sizes expand their VARIANT_OF edges.
MATCH (h:Hardware)
WITH h, $variants AND COUNT { (h)-[:VARIANT_OF]-() } > 0 AS sized
WHERE NOT (sized AND COUNT { (h)-[:VARIANT_OF]->() } > 0)
WITH h, CASE WHEN sized THEN COLLECT { MATCH (v:Hardware)-[:VARIANT_OF*1..3]->(h) RETURN DISTINCT v } ELSE [] END AS variants
// A chip with sizes counts the distinct papers of all of them, so its cost is their papers (about
// two db hits each); chips without sizes (most) keep the degree store. Reading only the sizes'
// papers and dropping those that also name the base costs more: the check reads every relationship
// of each such paper (about 20 db hits a paper on the bench graph).
CALL (h, variants) {
  UNWIND CASE WHEN variants = [] THEN [] ELSE [h] + variants END AS x
  MATCH (p:Paper)-[:EVALUATED_ON]->(x)
  RETURN count(DISTINCT p) AS counted
}
WITH h, CASE WHEN variants = [] THEN COUNT { (h)<-[:EVALUATED_ON]-() } ELSE counted END AS papers
WHERE papers > 0
WITH h, papers
ORDER BY papers DESC, h.name
LIMIT coalesce(toInteger($limit), 1000000000)
RETURN h {.id, .name, .kind, .key, .aliases} AS hardware, papers
