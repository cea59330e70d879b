// Name lookup over every kind for a list of names ($keys: {key, singular}, singular as
// domain/keys.ts singularKey gives it, null for none), in order of preference: the key as a
// canonical name, as an alias, then the singular as a name, as an alias; each step runs only when
// the ones before found nothing (read/find-entity explains the guarded steps and the text index).
// Techniques before models before the rest when a key is ambiguous. One row per name that names
// something, with its key as given.
UNWIND $keys AS name
OPTIONAL MATCH (k:Entity {key: name.key})
WITH name, k ORDER BY CASE k.kind WHEN 'Technique' THEN 0 WHEN 'Model' THEN 1 ELSE 2 END, size(k.name), k.key, k.kind
WITH name, head(collect(k)) AS byName
OPTIONAL CALL (name, byName) {
  WITH name, byName WHERE byName IS NULL
  CALL (name) {
    MATCH (e:Entity)
    WHERE e.aliasKeyText CONTAINS ' ' + name.key + ' '
    RETURN e ORDER BY CASE e.kind WHEN 'Technique' THEN 0 WHEN 'Model' THEN 1 ELSE 2 END, size(e.name), e.key, e.kind LIMIT 1
  }
  RETURN e AS byAlias
}
WITH name, coalesce(byName, byAlias) AS found
OPTIONAL CALL (name, found) {
  WITH name, found WHERE found IS NULL AND name.singular IS NOT NULL
  CALL (name) {
    MATCH (e:Entity {key: name.singular})
    RETURN e ORDER BY CASE e.kind WHEN 'Technique' THEN 0 WHEN 'Model' THEN 1 ELSE 2 END, size(e.name), e.key, e.kind LIMIT 1
  }
  RETURN e AS bySingular
}
WITH name, coalesce(found, bySingular) AS found
OPTIONAL CALL (name, found) {
  WITH name, found WHERE found IS NULL AND name.singular IS NOT NULL
  CALL (name) {
    MATCH (e:Entity)
    WHERE e.aliasKeyText CONTAINS ' ' + name.singular + ' '
    RETURN e ORDER BY CASE e.kind WHEN 'Technique' THEN 0 WHEN 'Model' THEN 1 ELSE 2 END, size(e.name), e.key, e.kind LIMIT 1
  }
  RETURN e AS bySingularAlias
}
WITH name, coalesce(found, bySingularAlias) AS e
WHERE e IS NOT NULL
RETURN name.key AS key, e {.id, .name, .kind, .key, .aliases} AS entity
