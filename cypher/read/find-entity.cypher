// Name lookup for one kind: the canonical key, else an alias key. The alias branch (a text-index
// CONTAINS on " key " in aliasKeyText; a list membership test would scan every entity) runs only
// when the key finds nothing, nested so its guard comes before the index read.
// Of several alias holders, the one with the shortest name, then the smallest key: without the key,
// two holders of one length were picked in whatever order the index gave them.
OPTIONAL MATCH (k:Entity {key: $key})
WHERE k.kind = $kind
WITH k ORDER BY size(k.name), k.key LIMIT 1
CALL (k) {
  WITH k WHERE k IS NULL
  CALL () {
    MATCH (e:Entity)
    WHERE e.aliasKeyText CONTAINS ' ' + $key + ' ' AND e.kind = $kind
    RETURN e ORDER BY size(e.name), e.key LIMIT 1
  }
  RETURN e
  UNION
  WITH k WHERE k IS NOT NULL
  RETURN k AS e
}
RETURN e {.id, .name, .kind, .key, .aliases} AS entity
