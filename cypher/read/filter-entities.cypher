// The entity each papersConnection filter names ({name, kind, key}), found as technique(name) finds
// it (read/find-entity): the canonical key, else the alias holder with the shortest name (then the
// smallest key, so two holders of one length always give the same answer), so a
// filter counts the papers Entity.papersConnection lists for that name. Any entity holding the name
// as an alias, read beside the canonical one, added papers of another entity ("sequence
// parallelism" also matched SP, whose alias it is). With how many papers mention it (MENTIONS
// degree), so the rarest filter can drive the query; a filter that names nothing has no row.
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
RETURN f.name AS filter, [e.id] AS ids, COUNT { (e)<-[:MENTIONS]-() } AS papers
