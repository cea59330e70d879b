// Hardware by the number of papers that run or evaluate on it (categories are derived in src/api).
MATCH (p:Paper)-[:EVALUATED_ON]->(h:Hardware)
WHERE NOT coalesce(p.stub, false)
WITH h, count(DISTINCT p) AS papers
RETURN h {.id, .name, .kind, .key, .aliases} AS hardware, papers
ORDER BY papers DESC, hardware.name
