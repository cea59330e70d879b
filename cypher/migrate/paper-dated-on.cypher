// datedOn for papers written before it existed (see write/merge-papers): their listing day. When
// they were stored is unknown, so a paper without a listing date gets none and no `since` matches it.
MATCH (p:Paper)
WHERE p.datedOn IS NULL AND p.listedOn IS NOT NULL
CALL (p) {
  SET p.datedOn = p.listedOn
} IN TRANSACTIONS OF 10000 ROWS
