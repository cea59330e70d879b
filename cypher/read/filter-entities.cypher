// The entity each papersConnection filter names ({name, kind, key, singular}), found as
// technique(name) finds it (read/find-entity): the key as a canonical name, else the alias holder
// with the shortest name (then the smallest key, so two holders of one length always give the same
// answer), else the singular key (singular: domain/keys.ts singularKey, null for none; "A100s" is
// the A100) the same two ways, each step only when the ones before found nothing. So a filter
// counts the papers Entity.papersConnection lists for that name. Any entity holding the name as an
// alias, read beside the canonical one, added papers of another entity ("sequence parallelism"
// also matched SP, whose alias it is). With how many papers mention it (MENTIONS degree), so the
// rarest filter can drive the query; a filter that names nothing has no row.
UNWIND $filters AS f
OPTIONAL MATCH (k:Entity {key: f.key})
WHERE k.kind = f.kind
WITH f, k AS byName
OPTIONAL CALL (f, byName) {
  WITH f, byName WHERE byName IS NULL
  CALL (f) {
    MATCH (e:Entity)
    WHERE e.aliasKeyText CONTAINS ' ' + f.key + ' ' AND e.kind = f.kind
    RETURN e ORDER BY size(e.name), e.key LIMIT 1
  }
  RETURN e AS byAlias
}
WITH f, coalesce(byName, byAlias) AS found
OPTIONAL CALL (f, found) {
  WITH f, found WHERE found IS NULL AND f.singular IS NOT NULL
  CALL (f) {
    MATCH (e:Entity {key: f.singular})
    WHERE e.kind = f.kind
    RETURN e
  }
  RETURN e AS bySingular
}
WITH f, coalesce(found, bySingular) AS found
OPTIONAL CALL (f, found) {
  WITH f, found WHERE found IS NULL AND f.singular IS NOT NULL
  CALL (f) {
    MATCH (e:Entity)
    WHERE e.aliasKeyText CONTAINS ' ' + f.singular + ' ' AND e.kind = f.kind
    RETURN e ORDER BY size(e.name), e.key LIMIT 1
  }
  RETURN e AS bySingularAlias
}
WITH f, coalesce(found, bySingularAlias) AS e
WHERE e IS NOT NULL
RETURN f.name AS filter, [e.id] AS ids, COUNT { (e)<-[:MENTIONS]-() } AS papers
