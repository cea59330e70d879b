// Every writer besides a correction that locks papers or entities takes the corrections' lock
// (mutation/curation-lock) before its first write and holds it until it commits: both write
// transactions of an ingest batch (src/ingest/write/writer.ts), the derived refresh's settling of
// :Notable and replacement of variant edges (src/derived, through Db.writeInTurn), topics' writes of
// memberships and entity topics (src/topics/recompute.ts, the same), and deletePaper
// (src/api/fields/mutations.ts). So all of them lock in one order: this node, then papers, then
// entities (and the graph's metadata node, which corrections take last). A correction locks papers and
// entities in whatever order their edges lead; without this, a batch holding one paper (its facts,
// or its derived data: settled, citations re-inferred) and a correction holding another could each
// wait for the other's, a deadlock that made one of them Neo4j's victim. Held from before the batch
// reads the corrections it applies (write/find-curations), it also means no rejection or merge
// commits in between to be read too late (the batch would write back the rejected fact, or onto the
// merged-away entity). Setting id to itself takes the node's write lock and changes nothing; the node
// is made (id only) if no correction made it yet, so the first correction ever waits for the batch too
// (the unique constraint orders the two MERGEs).
MERGE (l:CurationLock {id: 'curations'})
SET l.id = l.id
