// Name lookup for one kind, in order of preference: the key as a canonical name, the key as an
// alias, then the singular key ($singular: domain/keys.ts singularKey, null when the key has no
// plural form; "a100s" -> "a100") as a name, the singular as an alias. A plural names what its
// singular names only when the plural itself names nothing, so "GPUs", GPU's alias, stays GPU's.
// Each step runs only when the ones before found nothing (guarded OPTIONAL CALLs), so a hit costs
// what the plain lookup cost. The alias steps are a text-index CONTAINS on " key " in aliasKeyText
// (a list membership test would scan every entity), nested so the guard comes before the index read.
// Of several holders of one name, the one with the shortest name, then the smallest key: without
// the key, two holders of one length were picked in whatever order the index gave them.
// Kept line for line in read/lineage-{down,up}-from-name (test/unit/statements.test.ts checks).
OPTIONAL MATCH (k:Entity {key: $key})
WHERE k.kind = $kind
WITH k AS byName ORDER BY size(k.name), k.key LIMIT 1
OPTIONAL CALL (byName) {
  WITH byName WHERE byName IS NULL
  CALL () {
    MATCH (e:Entity)
    WHERE e.aliasKeyText CONTAINS ' ' + $key + ' ' AND e.kind = $kind
    RETURN e ORDER BY size(e.name), e.key LIMIT 1
  }
  RETURN e AS byAlias
}
WITH coalesce(byName, byAlias) AS found
OPTIONAL CALL (found) {
  WITH found WHERE found IS NULL AND $singular IS NOT NULL
  CALL () {
    MATCH (e:Entity {key: $singular})
    WHERE e.kind = $kind
    RETURN e ORDER BY size(e.name), e.key LIMIT 1
  }
  RETURN e AS bySingular
}
WITH coalesce(found, bySingular) AS found
OPTIONAL CALL (found) {
  WITH found WHERE found IS NULL AND $singular IS NOT NULL
  CALL () {
    MATCH (e:Entity)
    WHERE e.aliasKeyText CONTAINS ' ' + $singular + ' ' AND e.kind = $kind
    RETURN e ORDER BY size(e.name), e.key LIMIT 1
  }
  RETURN e AS bySingularAlias
}
WITH coalesce(found, bySingularAlias) AS e
WHERE e IS NOT NULL
RETURN e {.id, .name, .kind, .key, .aliases} AS entity
