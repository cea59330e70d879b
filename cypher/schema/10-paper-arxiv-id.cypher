// Paper identity (src/ingest/write/papers.ts): a record or reference with this arXiv id (no version) is this paper.
CREATE INDEX paper_arxiv_id IF NOT EXISTS FOR (p:Paper) ON (p.arxivId)
