// The entities each papersConnection filter names ({name, kind, key}): canonical key or alias key,
// with how many papers mention them (MENTIONS degree), so the rarest filter can drive the query.
UNWIND $filters AS f
CALL (f) {
  MATCH (e:Entity {key: f.key})
  WHERE e.kind = f.kind
  RETURN e
  UNION
  MATCH (e:Entity)
  WHERE e.aliasKeyText CONTAINS ' ' + f.key + ' ' AND e.kind = f.kind
  RETURN e
}
WITH f, e, COUNT { (e)<-[:MENTIONS]-() } AS papers
RETURN f.name AS filter, collect(e.id) AS ids, sum(papers) AS papers
