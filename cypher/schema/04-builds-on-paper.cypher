// BUILDS_ON edges are per paper; re-extracting a paper finds its old edges through this index.
CREATE INDEX builds_on_paper IF NOT EXISTS FOR ()-[r:BUILDS_ON]-() ON (r.paper)
