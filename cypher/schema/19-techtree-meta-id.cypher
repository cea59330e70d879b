// The graph's one metadata node (src/graph/migrations.ts records migrations on it) is MERGEd by id:
// without this constraint two processes starting at once on a new database each create one.
CREATE CONSTRAINT techtree_meta_id IF NOT EXISTS FOR (m:TechtreeMeta) REQUIRE m.id IS UNIQUE
