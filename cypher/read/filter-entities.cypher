// The entity each papersConnection filter names ({name, kind, key, singular}), found as
// technique(name) finds it (read/find-entity): the key as a canonical name, else the alias holder
// with the shortest name (then the smallest key, so two holders of one length always give the same
// answer), else the singular key (singular: domain/keys.ts singularKey, null for none; "A100s" is
// the A100) the same two ways, each step only when the ones before found nothing. So a filter
// counts the papers Entity.papersConnection lists for that name. Any entity holding the name as an
// alias, read beside the canonical one, added papers of another entity ("sequence parallelism"
// also matched SP, whose alias it is). With $variants (PaperFilter.includeVariants), ids also
// holds its variants (VARIANT_OF: its sizes, and theirs, at most 3 hops), as
// read/entity-papers-page reads them, so "Llama 2" finds the papers that name Llama-2-7B. With how
// many papers mention them (the sum of their MENTIONS degrees, from the degree store: a bound on the
// distinct papers, enough to pick the rarest filter to drive the query); a filter that names nothing
// has no row.
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
WITH f, [e] + CASE WHEN $variants THEN COLLECT { MATCH (v:Entity)-[:VARIANT_OF*1..3]->(e) RETURN DISTINCT v } ELSE [] END AS es
CALL (es) {
  UNWIND es AS x
  RETURN collect(x.id) AS ids, sum(COUNT { (x)<-[:MENTIONS]-() }) AS papers
}
RETURN f.name AS filter, ids, papers
