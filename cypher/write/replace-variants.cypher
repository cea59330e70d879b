// (:Entity)-[:VARIANT_OF]->(:Entity): a size of a model (or chip) to the model, recomputed whole
// after every ingest (src/derived/variants.ts), so an edge goes when either end does. Two ingests
// finishing at once both replace them: the graph's metadata node is locked first (as
// write/replace-trends does), so the second waits and then replaces the first one's edges. Run
// after write/curation-lock in the same transaction (refreshVariants): this locks the metadata node
// and then entities, a correction entities and then that node (write/mark-derived), so without the
// corrections' lock taken first the two deadlocked.
MERGE (meta:TechtreeMeta {id: 'graph'})
SET meta.replacingVariants = true
REMOVE meta.replacingVariants
WITH meta
CALL (meta) {
  MATCH (:Entity)-[v:VARIANT_OF]->(:Entity)
  DELETE v
}
UNWIND $rows AS row
MATCH (v:Entity {id: row.variant})
MATCH (b:Entity {id: row.base})
MERGE (v)-[:VARIANT_OF]->(b)
