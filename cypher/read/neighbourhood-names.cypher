// Autocomplete: entities whose name key or an alias key starts with $key first, then those containing it.
MATCH (e:Entity)
WHERE e.key CONTAINS $key OR any(k IN coalesce(e.aliasKeys, []) WHERE k CONTAINS $key)
WITH e,
     CASE WHEN e.key = $key THEN 0
          WHEN e.key STARTS WITH $key THEN 1
          WHEN any(k IN coalesce(e.aliasKeys, []) WHERE k STARTS WITH $key) THEN 2
          ELSE 3 END AS rank
RETURN e {.id, .name, .kind, .key, .aliases} AS entity, rank, COUNT { (e)<--(:Paper) } AS mentions
ORDER BY rank, mentions DESC, size(e.name), e.name
LIMIT toInteger($first)
