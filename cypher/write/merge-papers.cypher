UNWIND $rows AS row
MERGE (p:Paper {id: row.id})
SET p.title = row.title,
    p.abstract = row.abstract,
    p.listingDate = row.listingDate,
    p.sourceFile = row.sourceFile,
    p.sourceLine = row.sourceLine,
    p.textHash = row.textHash,
    p.extractorVersion = row.extractorVersion,
    p.stub = false
