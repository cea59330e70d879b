// The explorer's centre: an entity by id, else by name key, else by alias key (text index); any kind,
// techniques first when names collide across kinds.
CALL () {
  MATCH (e:Entity {id: $id})
  RETURN e, 0 AS rank
  UNION
  MATCH (e:Entity {key: $key})
  RETURN e, 1 AS rank
  UNION
  MATCH (e:Entity)
  WHERE e.aliasKeyText CONTAINS ' ' + $key + ' '
  RETURN e, 2 AS rank
}
RETURN e {.id, .name, .kind, .key, .aliases, .topic} AS entity
ORDER BY rank, CASE e.kind WHEN 'Technique' THEN 0 WHEN 'Model' THEN 1 WHEN 'Dataset' THEN 2 ELSE 3 END, size(e.name)
LIMIT 1
