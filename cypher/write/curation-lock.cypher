// Both write transactions of an ingest batch (src/ingest/write/writer.ts) take the corrections' lock
// (mutation/curation-lock) before their first write and hold it until they commit, so a batch and a
// correction lock in one order: this node, then papers, then entities. A correction locks papers and
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
