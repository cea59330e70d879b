// Waits (up to 300 s) until every index is online, so the first batches MERGE on populated indexes.
CALL db.awaitIndexes(300)
