// :Notable for graphs written before it existed (see write/mark-notable). Auto-commit, batched.
MATCH (e:Entity)
WHERE COUNT { (e)<-[:MENTIONS]-() } >= 3
CALL (e) {
  SET e:Notable
} IN TRANSACTIONS OF 10000 ROWS
