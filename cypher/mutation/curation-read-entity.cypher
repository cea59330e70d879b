// An entity as a correction needs it: its identity, spellings and whether a person named it.
MATCH (e:Entity {id: $id})
RETURN e {.id, .key, .name, .kind, .aliases, .aliasKeys, nameCurated: coalesce(e.nameCurated, false)} AS entity
