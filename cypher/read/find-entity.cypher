// Name lookup for one kind: the canonical key first, then any alias key.
CALL () {
  MATCH (e:Entity {key: $key})
  WHERE e.kind = $kind
  RETURN e, 0 AS rank
  UNION
  MATCH (e:Entity)
  WHERE e.kind = $kind AND $key IN e.aliasKeys
  RETURN e, 1 AS rank
}
RETURN e {.id, .name, .kind, .key, .aliases} AS entity
ORDER BY rank, size(e.name)
LIMIT 1
