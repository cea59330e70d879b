// Hardware by the number of papers that run or evaluate on it: the EVALUATED_ON degree of each
// hardware node (one edge per paper), read from the degree store. Categories are derived in src/api,
// so a category filter reads every row ($limit null); without one only the first $limit come back.
MATCH (h:Hardware)
WITH h, COUNT { (h)<-[:EVALUATED_ON]-() } AS papers
WHERE papers > 0
WITH h, papers
ORDER BY papers DESC, h.name
LIMIT coalesce(toInteger($limit), 1000000000)
RETURN h {.id, .name, .kind, .key, .aliases} AS hardware, papers
