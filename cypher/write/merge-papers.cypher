// One node per paper, keyed by paperId(title). Filling in a stub (a paper first seen as a reference)
// is the same MERGE: stub becomes false and the text arrives. externalId is kept if the row has none.
// listedOn is the listing date as a real date (src/domain/dates.ts), for index range scans and sorting.
// derivedPending marks a paper whose derived data (inferred citations, the Notable label of what it
// mentions) is not yet computed: that happens in a transaction of its own after this one commits
// (src/ingest/write/writer.ts), and a run that finds the mark (a crash in between) does it then.
// addedAt is when techtree first stored the paper ($now, the batch's write time): a stub filled in
// counts from then, an updated paper keeps it. datedOn is what `since: Date` arguments compare: the
// listing day, else the day of addedAt.
UNWIND $rows AS row
MERGE (p:Paper {id: row.id})
SET p.title = row.title,
    p.abstract = row.abstract,
    p.listingDate = row.listingDate,
    p.listedOn = CASE WHEN row.listedOn IS NULL THEN null ELSE date(row.listedOn) END,
    p.sourceFile = row.sourceFile,
    p.sourceLine = row.sourceLine,
    p.textHash = row.textHash,
    p.extractorVersion = row.extractorVersion,
    p.externalId = coalesce(row.externalId, p.externalId),
    p.stub = false,
    p.derivedPending = true,
    p.addedAt = coalesce(p.addedAt, datetime($now))
SET p.datedOn = coalesce(p.listedOn, date(p.addedAt))
