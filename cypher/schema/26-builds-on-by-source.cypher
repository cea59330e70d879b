// "What X builds on" in key order: BUILDS_ON.bySource is the source's id, then the target's key and
// id (write/merge-builds-on), for read/lineage-step going up as 25-builds-on-by-target is going down.
CREATE INDEX builds_on_by_source IF NOT EXISTS FOR ()-[r:BUILDS_ON]-() ON (r.bySource)
