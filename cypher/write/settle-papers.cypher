// The given papers' derived data is computed (write/infer-citations and write/mark-notable, same
// transaction): their derivedPending mark goes, so a later run counts them as done.
UNWIND $ids AS id
MATCH (p:Paper {id: id})
WHERE p.derivedPending IS NOT NULL
REMOVE p.derivedPending
