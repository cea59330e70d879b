// One (:Ingest) node per ingest run (src/ingest/record.ts): when it ran, where from, which files
// (with their content hashes when the caller computed them) and what it read and wrote.
CREATE (i:Ingest {id: $run.id})
SET i += $run,
    i.startedAt = datetime($run.startedAt),
    i.finishedAt = datetime($run.finishedAt)
