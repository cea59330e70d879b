// Ingest runs that finished at or after $since (all when null), newest first, at most $first.
MATCH (i:Ingest)
WHERE $since IS NULL OR i.finishedAt >= datetime($since)
RETURN i {.*} AS ingest
ORDER BY i.finishedAt DESC, i.id DESC
LIMIT toInteger($first)
