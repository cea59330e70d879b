// "What changed since": papers added after a moment are a range scan on when techtree first stored them.
CREATE INDEX paper_added_at IF NOT EXISTS FOR (p:Paper) ON (p.addedAt)
