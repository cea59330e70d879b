// Name lookup for one kind: the canonical key first, then any alias key (a text-index CONTAINS on
// " key " in aliasKeyText; a list membership test would scan every entity).
CALL () {
  MATCH (e:Entity {key: $key})
  WHERE e.kind = $kind
  RETURN e, 0 AS rank
  UNION
  MATCH (e:Entity)
  WHERE e.aliasKeyText CONTAINS ' ' + $key + ' ' AND e.kind = $kind
  RETURN e, 1 AS rank
}
RETURN e {.id, .name, .kind, .key, .aliases} AS entity
ORDER BY rank, size(e.name)
LIMIT 1
