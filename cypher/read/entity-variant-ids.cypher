// The ids of each $ids entity's variants (VARIANT_OF: its sizes, and theirs, at most 3 hops), for a
// lineage walk that counts an entity's sizes as the entity (includeVariants): the walk starts from the
// entity and these. One statement for all roots of a walk whose lookup did not say already (a root
// read by name says whether it has sizes, read/lineage-{down,up}-from-name); entities without sizes
// (most) have no row. Expanded from each entity: a handful of edges, never scanned.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WITH id, COLLECT { MATCH (v:Entity)-[:VARIANT_OF*1..3]->(e) RETURN DISTINCT v.id } AS variants
WHERE variants <> []
RETURN id, variants
