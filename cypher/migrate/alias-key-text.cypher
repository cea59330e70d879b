// aliasKeyText for entities written before it existed (see write/merge-entities). Auto-commit, batched.
MATCH (e:Entity)
WHERE e.aliasKeyText IS NULL
CALL (e) {
  SET e.aliasKeyText = reduce(s = ' ', k IN coalesce(e.aliasKeys, []) | s + k + ' ')
} IN TRANSACTIONS OF 10000 ROWS
