// The inferred citations of the given papers go before write/infer-citations computes them again
// from their corrected facts (explicit citations stay).
UNWIND $ids AS id
MATCH (:Paper {id: id})-[c:CITES {inferred: true}]-(:Paper)
DELETE c
