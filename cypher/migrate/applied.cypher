// Which one-off migrations (src/graph/migrations.ts) this database has had.
OPTIONAL MATCH (m:TechtreeMeta {id: 'graph'})
RETURN coalesce(m.migrations, []) AS applied
