// One node per paper, as all its sources make it (src/ingest/write/papers.ts): the title and abstract
// of its best source, the listing date, venue and identifiers by the rules of write/sources.ts, the
// keys of its sources and what each said (sourceRecords, JSON). Filling in a stub (a paper first seen
// as a reference) is the same MERGE: stub becomes false. textHash and extractorVersion say which text
// and extractor the paper's facts come from; a row without them (facts kept) leaves them as they are.
// listedOn is the listing date as a real date (src/domain/dates.ts), for index range scans and sorting.
// derivedPending marks a paper whose derived data (inferred citations, the Notable label of what it
// mentions) is not yet computed: that happens in a transaction of its own after this one commits
// (src/ingest/write/writer.ts), and a run that finds the mark (a crash in between) does it then.
// addedAt is when techtree first stored the paper ($now, the batch's write time): a stub filled in
// counts from then, an updated paper keeps it. datedOn is what `since: Date` arguments compare: the
// listing day, else the day of addedAt.
// Each row says what the MERGE found, which the report counts (a look-up made before the write cannot
// tell: two writers of the same new paper both look, find nothing, and the second MERGE waits for the
// first's commit and then finds its node): created (no node, or a stub), or whether the node already
// held exactly this (its sources said the same and its facts come from the same text and extractor).
// asPlanned: the node still held the source records the row was planned from (row.planned, null for
// a new paper); when not, a concurrent writer added a source since, which this row would erase, and
// the writer runs the batch again (src/ingest/write/writer.ts). ON MATCH takes the node's write lock
// before its records are read, so they are the latest committed ones.
UNWIND $rows AS row
MERGE (p:Paper {id: row.id})
  ON CREATE SET p.stub = true
  ON MATCH SET p.derivedPending = true
WITH row, p, p.stub AS created, coalesce(p.sourceRecords, []) = coalesce(row.planned, []) AS asPlanned,
     coalesce(p.sourceRecords = row.sourceRecords AND p.textHash = coalesce(row.textHash, p.textHash)
              AND p.extractorVersion = coalesce(row.extractorVersion, p.extractorVersion), false) AS same
SET p.title = row.title,
    p.abstract = row.abstract,
    p.listingDate = row.listingDate,
    p.listedOn = CASE WHEN row.listedOn IS NULL THEN null ELSE date(row.listedOn) END,
    p.venue = row.venue,
    p.arxivId = row.arxivId,
    p.doi = row.doi,
    p.s2Id = row.s2Id,
    p.openalexId = row.openalexId,
    p.sources = row.sources,
    p.sourceRecords = row.sourceRecords,
    p.sourceFile = row.sourceFile,
    p.sourceLine = row.sourceLine,
    p.textHash = coalesce(row.textHash, p.textHash),
    p.extractorVersion = coalesce(row.extractorVersion, p.extractorVersion),
    p.stub = false,
    p.derivedPending = true,
    p.addedAt = coalesce(p.addedAt, datetime($now))
SET p.datedOn = coalesce(p.listedOn, date(p.addedAt))
REMOVE p.externalId
RETURN row.id AS id, coalesce(created, false) AS created, same AND NOT coalesce(created, false) AS same, asPlanned
