// Stubs (papers known only from a reference) are counted through this index, so "how many papers"
// is the count store minus an index seek instead of a scan of every paper.
CREATE INDEX paper_stub IF NOT EXISTS FOR (p:Paper) ON (p.stub)
