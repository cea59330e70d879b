// Which papers of a batch have a stub waiting under their upstream id (see write/fill-stubs): a
// plain index read, so a batch without stubs to fill (the usual case) skips fill-stubs, whose
// locking reads and delete would otherwise cost about a fifth of the batch.
UNWIND $rows AS row
MATCH (s:Paper {externalId: row.externalId})
WHERE s.stub = true AND s.id <> row.id
RETURN DISTINCT row.id AS id, row.externalId AS externalId
