// Paper identity (src/ingest/write/papers.ts): a record or reference with this identifier is this paper.
CREATE INDEX paper_doi IF NOT EXISTS FOR (p:Paper) ON (p.doi)
