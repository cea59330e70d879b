// Where lineage walks start: each $ids entity with its fan-in and fan-out (BUILDS_ON edges arriving and
// leaving, read from the degree store), and how many entities there are. src/graph/lineage.ts uses these
// to pick, level by level, between expanding the frontier and scanning entities in key order.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN id, COUNT { (e)<-[:BUILDS_ON]-() } AS fanIn, COUNT { (e)-[:BUILDS_ON]->() } AS fanOut,
       COUNT { (:Entity) } AS entities
