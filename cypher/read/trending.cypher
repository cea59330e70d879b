// Entities gaining mentions (any role, as read/entity-papers): papers listed on or after $since (a dateKey as in papers-connection;
// null means the latest listing date in the graph) against papers listed before it.
MATCH (p:Paper)
WHERE NOT coalesce(p.stub, false) AND p.listingDate IS NOT NULL
WITH p, toLower(trim(p.listingDate)) AS d
WITH p, CASE
    WHEN d =~ '\\d{4}-\\d{2}-\\d{2}.*' THEN substring(d, 0, 10)
    WHEN d =~ '[a-z]{3}[a-z]*\\.? \\d{1,2}(, \\d{4})?' THEN
      (CASE WHEN d CONTAINS ',' THEN right(d, 4) ELSE '0000' END) + '-' +
      {jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12'}[substring(d, 0, 3)] + '-' +
      right('0' + split(split(replace(d, '.', ''), ' ')[1], ',')[0], 2)
  END AS dateKey
WHERE dateKey IS NOT NULL
WITH collect({p: p, dateKey: dateKey}) AS dated
WITH dated, coalesce($since, reduce(m = '', x IN dated | CASE WHEN x.dateKey > m THEN x.dateKey ELSE m END)) AS since
UNWIND dated AS x
WITH x.p AS p, CASE WHEN since STARTS WITH '0000' THEN substring(x.dateKey, 5) >= substring(since, 5) ELSE x.dateKey >= since END AS isRecent
CALL (p) {
  MATCH (p)-[:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e:Entity)
  RETURN e
  UNION
  MATCH (e:Entity)-[:BUILDS_ON {paper: p.id}]-(:Entity)
  RETURN e
}
WITH DISTINCT e, p, isRecent
WITH e, sum(CASE WHEN isRecent THEN 1 ELSE 0 END) AS recent, sum(CASE WHEN isRecent THEN 0 ELSE 1 END) AS before
WHERE recent > 0
RETURN e {.id, .name, .kind, .key, .aliases} AS entity, recent, before, recent - before AS growth
ORDER BY growth DESC, recent DESC, entity.name
LIMIT toInteger($first)
