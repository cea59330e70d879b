// "What changed since" lists the corrections undone in a period too (read/changes,
// read/entity-corrections): a range scan on when they were undone; the rest have no undoneAt.
CREATE INDEX curation_undone_at IF NOT EXISTS FOR (c:Curation) ON (c.undoneAt)
