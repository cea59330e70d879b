// "What changed since" lists the corrections made in a period (read/changes, read/entity-corrections):
// a range scan on when they were made (an ISO 8601 string, which sorts as time), not every correction.
CREATE INDEX curation_at IF NOT EXISTS FOR (c:Curation) ON (c.at)
