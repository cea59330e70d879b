// Records a finished migration on the graph's one metadata node.
MERGE (m:TechtreeMeta {id: 'graph'})
SET m.migrations = [x IN coalesce(m.migrations, []) WHERE x <> $name] + $name
