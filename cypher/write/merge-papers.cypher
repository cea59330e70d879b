// One node per paper, keyed by paperId(title). Filling in a stub (a paper first seen as a reference)
// is the same MERGE: stub becomes false and the text arrives. externalId is kept if the row has none.
UNWIND $rows AS row
MERGE (p:Paper {id: row.id})
SET p.title = row.title,
    p.abstract = row.abstract,
    p.listingDate = row.listingDate,
    p.sourceFile = row.sourceFile,
    p.sourceLine = row.sourceLine,
    p.textHash = row.textHash,
    p.extractorVersion = row.extractorVersion,
    p.externalId = coalesce(row.externalId, p.externalId),
    p.stub = false
