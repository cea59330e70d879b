// The `since: Date` arguments: a paper's listing day, else the day techtree first stored it.
CREATE INDEX paper_dated_on IF NOT EXISTS FOR (p:Paper) ON (p.datedOn)
