// Undoing a merge looks up the later merges of the entity it fed by their `from`
// (mutation/curation-later-merge), a seek rather than a scan of every correction.
CREATE INDEX curation_from IF NOT EXISTS FOR (c:Curation) ON (c.from)
