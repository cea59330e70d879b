// Ingests after a moment (changes) and the newest ingests of a file (watch) read this index.
CREATE INDEX ingest_finished_at IF NOT EXISTS FOR (i:Ingest) ON (i.finishedAt)
