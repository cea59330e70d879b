// A node that turned out to be the same paper as another ($rows: from, into): a stub a record now
// names by an identifier, or a paper first read under another title. Its sources already joined
// `into` (src/ingest/write/papers.ts) and its facts are gone (write/delete-paper-facts); the explicit
// citations other papers make of it move to `into`, then it goes.
UNWIND $rows AS row
MATCH (into:Paper {id: row.into})
MATCH (from:Paper {id: row.from})
CALL (from, into) {
  MATCH (q:Paper)-[c:CITES {inferred: false}]->(from)
  WHERE q <> into
  MERGE (q)-[moved:CITES]->(into)
  SET moved.inferred = false,
      moved.sources = COLLECT { UNWIND coalesce(moved.sources, []) + coalesce(c.sources, []) AS s RETURN DISTINCT s ORDER BY s }
}
DETACH DELETE from
