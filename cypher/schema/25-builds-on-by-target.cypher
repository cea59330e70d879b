// "What builds on X" in key order: BUILDS_ON.byTarget is the target's id, then the source's key and
// id (write/merge-builds-on), so a prefix seek on X's id lists its dependants sorted, and a lineage
// step down reads the first few of them however many there are (read/lineage-step).
CREATE INDEX builds_on_by_target IF NOT EXISTS FOR ()-[r:BUILDS_ON]-() ON (r.byTarget)
