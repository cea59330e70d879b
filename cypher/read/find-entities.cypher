// Name lookup over every kind for a list of keys: the canonical key, else an alias key (text index,
// read only when the key finds nothing); techniques before models before the rest when a key is
// ambiguous.
UNWIND $keys AS key
OPTIONAL MATCH (k:Entity {key: key})
WITH key, k ORDER BY CASE k.kind WHEN 'Technique' THEN 0 WHEN 'Model' THEN 1 ELSE 2 END, size(k.name), k.key, k.kind
WITH key, head(collect(k)) AS k
CALL (key, k) {
  WITH key, k WHERE k IS NULL
  CALL (key) {
    MATCH (e:Entity)
    WHERE e.aliasKeyText CONTAINS ' ' + key + ' '
    RETURN e ORDER BY CASE e.kind WHEN 'Technique' THEN 0 WHEN 'Model' THEN 1 ELSE 2 END, size(e.name), e.key, e.kind LIMIT 1
  }
  RETURN e
  UNION
  WITH k WHERE k IS NOT NULL
  RETURN k AS e
}
RETURN key, e {.id, .name, .kind, .key, .aliases} AS entity
