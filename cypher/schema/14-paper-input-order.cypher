// "Papers in input order" reads the first papers of this index instead of sorting every paper.
CREATE INDEX paper_input_order IF NOT EXISTS FOR (p:Paper) ON (p.sourceFile, p.sourceLine)
