// Explicit references: (:Paper)-[:CITES {inferred: false, sources}]->(:Paper), `sources` naming the
// sources that list the reference. The cited paper is found by its id (title key) or any identifier
// the reference gives; the real paper with the least id wins, then an existing stub. Not found, it
// becomes a stub ({stub: true}, title and identifiers as the reference gives them), filled in when
// the paper itself is ingested. A stub's missing title and identifiers are filled from later
// references (the least title, so it does not depend on which reference came first).
UNWIND $rows AS row
MATCH (src:Paper {id: row.paper})
OPTIONAL CALL (row) {
  MATCH (k:Paper {id: row.id}) RETURN k
  UNION
  MATCH (k:Paper {arxivId: row.arxiv}) RETURN k
  UNION
  MATCH (k:Paper {doi: row.doi}) RETURN k
  UNION
  MATCH (k:Paper {s2Id: row.s2}) RETURN k
  UNION
  MATCH (k:Paper {openalexId: row.openalex}) RETURN k
}
WITH src, row, k
ORDER BY coalesce(k.stub, false), k.id
WITH src, row, head(collect(k.id)) AS knownId
MERGE (dst:Paper {id: coalesce(knownId, row.id)})
ON CREATE SET dst.stub = true
WITH src, row, dst
CALL (dst, row) {
  WITH dst, row WHERE dst.stub = true
  SET dst.title = CASE WHEN dst.title IS NULL OR row.title < dst.title THEN coalesce(row.title, dst.title) ELSE dst.title END,
      dst.arxivId = coalesce(dst.arxivId, row.arxiv),
      dst.doi = coalesce(dst.doi, row.doi),
      dst.s2Id = coalesce(dst.s2Id, row.s2),
      dst.openalexId = coalesce(dst.openalexId, row.openalex)
}
WITH src, row, dst
WHERE src <> dst
MERGE (src)-[c:CITES]->(dst)
SET c.inferred = false,
    c.sources = COLLECT { UNWIND coalesce(c.sources, []) + row.sources AS s RETURN DISTINCT s ORDER BY s }
