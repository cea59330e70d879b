// The entity each papersConnection filter names ({name, kind, key}), found as technique(name) finds
// it (read/find-entity): the canonical key, else the alias holder with the shortest name (then the
// smallest key, so two holders of one length always give the same answer), so a
// filter counts the papers Entity.papersConnection lists for that name. Any entity holding the name
// as an alias, read beside the canonical one, added papers of another entity ("sequence
// parallelism" also matched SP, whose alias it is). With $variants (PaperFilter.includeVariants),
// ids also holds its variants (VARIANT_OF: its sizes, and theirs, at most 3 hops), as
// read/entity-papers-page reads them, so "Llama 2" finds the papers that name Llama-2-7B. With how
// many papers mention them (the sum of their MENTIONS degrees, from the degree store: a bound on the
// distinct papers, enough to pick the rarest filter to drive the query); a filter that names nothing
// has no row.
UNWIND $filters AS f
OPTIONAL MATCH (k:Entity {key: f.key})
WHERE k.kind = f.kind
CALL (f, k) {
  WITH k WHERE k IS NULL
  CALL (f) {
    MATCH (e:Entity)
    WHERE e.aliasKeyText CONTAINS ' ' + f.key + ' ' AND e.kind = f.kind
    RETURN e ORDER BY size(e.name), e.key LIMIT 1
  }
  RETURN e
  UNION
  WITH k WHERE k IS NOT NULL
  RETURN k AS e
}
WITH f, [e] + CASE WHEN $variants THEN COLLECT { MATCH (v:Entity)-[:VARIANT_OF*1..3]->(e) RETURN DISTINCT v } ELSE [] END AS es
CALL (es) {
  UNWIND es AS x
  RETURN collect(x.id) AS ids, sum(COUNT { (x)<-[:MENTIONS]-() }) AS papers
}
RETURN f.name AS filter, ids, papers
