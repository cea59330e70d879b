// Entities gaining mentions (MENTIONS: any role): papers listed on or after the start of the window
// against every other paper that mentions them. The window starts at $since (an ISO day, read as a
// listedOn index range) or, for a label without a year, at $sinceDay (month * 100 + day, compared
// on month and day); with neither, at the newest listing day in the graph. Only the window's
// papers are read; "before" is the entity's MENTIONS degree minus its recent mentions.
CALL () {
  MATCH (p:Paper) WHERE p.listedOn IS NOT NULL
  RETURN p.listedOn AS newest ORDER BY p.listedOn DESC LIMIT 1
}
WITH CASE WHEN $since IS NOT NULL THEN date($since) WHEN $sinceDay IS NULL THEN newest ELSE date('0000-01-01') END AS from
MATCH (p:Paper)
WHERE p.listedOn >= from
  AND ($sinceDay IS NULL OR p.listedOn.month * 100 + p.listedOn.day >= $sinceDay)
MATCH (p)-[:MENTIONS]->(e:Entity)
WITH e, count(p) AS recent
WITH e, recent, COUNT { (e)<-[:MENTIONS]-() } - recent AS before
RETURN e {.id, .name, .kind, .key, .aliases} AS entity, recent, before, recent - before AS growth
ORDER BY growth DESC, recent DESC, entity.name
LIMIT toInteger($first)
