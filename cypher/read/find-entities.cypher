// Name lookup over every kind for a list of keys: canonical key first, then alias keys (text index);
// techniques before models before the rest when a key is ambiguous.
UNWIND $keys AS key
CALL (key) {
  MATCH (e:Entity {key: key})
  RETURN e, 0 AS rank
  UNION
  MATCH (e:Entity)
  WHERE e.aliasKeyText CONTAINS ' ' + key + ' '
  RETURN e, 1 AS rank
}
WITH key, e, rank
ORDER BY rank, CASE e.kind WHEN 'Technique' THEN 0 WHEN 'Model' THEN 1 ELSE 2 END, size(e.name)
WITH key, collect(e)[0] AS e
RETURN key, e {.id, .name, .kind, .key, .aliases} AS entity
