// Every ingest run is recorded as one (:Ingest) node (src/ingest/record.ts), keyed by a run id.
CREATE CONSTRAINT ingest_id IF NOT EXISTS FOR (i:Ingest) REQUIRE i.id IS UNIQUE
