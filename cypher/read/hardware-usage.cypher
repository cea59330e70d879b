// Hardware by the number of papers that run or evaluate on it: the EVALUATED_ON degree of each
// hardware node (one edge per paper), read from the degree store. Categories are derived in src/api.
MATCH (h:Hardware)
WITH h, COUNT { (h)<-[:EVALUATED_ON]-() } AS papers
WHERE papers > 0
RETURN h {.id, .name, .kind, .key, .aliases} AS hardware, papers
ORDER BY papers DESC, hardware.name
