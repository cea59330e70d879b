// The fact corrections of a batch's papers are read at every write (write/find-curations).
CREATE INDEX curation_paper IF NOT EXISTS FOR (c:Curation) ON (c.paper)
