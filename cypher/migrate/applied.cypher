// Which one-off migrations (src/graph/migrations.ts) this database has had, and whether it holds
// nothing yet (then there is nothing to migrate: each is recorded without running).
OPTIONAL MATCH (m:TechtreeMeta {id: 'graph'})
RETURN coalesce(m.migrations, []) AS applied, NOT EXISTS { MATCH (n) WHERE NOT n:TechtreeMeta } AS empty
