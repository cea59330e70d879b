// Papers mentioning each entity per listing date, oldest first (dateKey as in papers-connection).
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (p:Paper)-[:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e)
  RETURN p
  UNION
  MATCH (e)-[b:BUILDS_ON]-(:Entity)
  MATCH (p:Paper {id: b.paper})
  RETURN p
}
WITH id, p, toLower(trim(coalesce(p.listingDate, ''))) AS d
WHERE d <> ''
WITH id, p, CASE
    WHEN d =~ '\\d{4}-\\d{2}-\\d{2}.*' THEN substring(d, 0, 10)
    WHEN d =~ '[a-z]{3}[a-z]*\\.? \\d{1,2}(, \\d{4})?' THEN
      (CASE WHEN d CONTAINS ',' THEN right(d, 4) ELSE '0000' END) + '-' +
      {jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12'}[substring(d, 0, 3)] + '-' +
      right('0' + split(split(replace(d, '.', ''), ' ')[1], ',')[0], 2)
    ELSE d
  END AS dateKey
WITH id, dateKey, min(p.listingDate) AS date, count(DISTINCT p) AS papers
ORDER BY id, dateKey
RETURN id, collect({date: date, papers: papers}) AS points
