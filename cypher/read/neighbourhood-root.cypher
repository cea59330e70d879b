// The explorer's centre: an entity by id, else by name key, else by alias key (text index, read only
// when nothing else matched); any kind, techniques first when names collide across kinds.
OPTIONAL MATCH (byId:Entity {id: $id})
OPTIONAL MATCH (byKey:Entity {key: $key})
WITH byId, byKey ORDER BY CASE byKey.kind WHEN 'Technique' THEN 0 WHEN 'Model' THEN 1 WHEN 'Dataset' THEN 2 ELSE 3 END, size(byKey.name)
WITH byId, head(collect(byKey)) AS byKey
WITH coalesce(byId, byKey) AS found
CALL (found) {
  WITH found WHERE found IS NULL
  CALL () {
    MATCH (e:Entity)
    WHERE e.aliasKeyText CONTAINS ' ' + $key + ' '
    RETURN e ORDER BY CASE e.kind WHEN 'Technique' THEN 0 WHEN 'Model' THEN 1 WHEN 'Dataset' THEN 2 ELSE 3 END, size(e.name) LIMIT 1
  }
  RETURN e
  UNION
  WITH found WHERE found IS NOT NULL
  RETURN found AS e
}
RETURN e {.id, .name, .kind, .key, .aliases, .topic} AS entity
