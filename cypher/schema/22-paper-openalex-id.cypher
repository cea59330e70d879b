// Paper identity (src/ingest/write/papers.ts): a record or reference with this identifier is this paper.
CREATE INDEX paper_openalex_id IF NOT EXISTS FOR (p:Paper) ON (p.openalexId)
