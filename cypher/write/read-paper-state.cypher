// What the graph already holds for a batch of papers: decides new / changed / unchanged, and which
// unchanged ones still wait for their inferred citations (see write/merge-papers).
UNWIND $ids AS id
MATCH (p:Paper {id: id})
RETURN p.id AS id, p.textHash AS textHash, p.extractorVersion AS extractorVersion, coalesce(p.stub, false) AS stub,
       coalesce(p.derivedPending, false) AS derivedPending
