// Corrections run one at a time, and apart from every other writer that locks papers or entities
// (ingest batches' write transactions, the derived refresh, topics' writes, deletePaper:
// write/curation-lock takes the same lock, first too, and says why): each first takes the write
// lock of the one (:CurationLock) node and only then reads what it acts on, so two curators at once
// cannot both read the same fact, entity or not-yet-undone correction and both act on it; the
// second waits, then reads what the first wrote.
MERGE (l:CurationLock {id: 'curations'})
SET l.at = datetime($now)
