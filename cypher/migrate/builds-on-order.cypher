// The lineage sort keys byTarget and bySource (see write/merge-builds-on) on the BUILDS_ON edges of
// graphs written before they existed. Auto-commit, batched.
MATCH (a:Entity)-[r:BUILDS_ON]->(b:Entity)
WHERE r.byTarget IS NULL OR r.bySource IS NULL
CALL (a, r, b) {
  SET r.byTarget = b.id + ' ' + a.key + ' ' + a.id, r.bySource = a.id + ' ' + b.key + ' ' + b.id
} IN TRANSACTIONS OF 10000 ROWS
