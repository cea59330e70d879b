// A batch whose papers' facts are (re-)written takes the corrections' lock (mutation/curation-lock)
// before it reads the corrections it applies (write/find-curations), and holds it until it commits:
// a rejection or merge committed in between would be read too late, and the batch would write back
// the rejected fact, or onto the merged-away entity. Setting id to itself takes the node's write
// lock and changes nothing; the node is made (id only) if no correction made it yet, so the first
// correction ever waits for the batch too (the unique constraint orders the two MERGEs).
MERGE (l:CurationLock {id: 'curations'})
SET l.id = l.id
