// Sets an entity's name and spellings as a correction decided them ($nameCurated: a person named it,
// so write/merge-entities keeps the name). The alias texts follow, as in write/merge-entities.
MATCH (e:Entity {id: $id})
SET e.name = $name, e.aliases = $aliases, e.aliasKeys = $aliasKeys, e.nameCurated = CASE WHEN $nameCurated THEN true ELSE null END
SET e.aliasText = reduce(s = '', a IN e.aliases | s + ' | ' + a),
    e.aliasKeyText = reduce(s = ' ', k IN e.aliasKeys | s + k + ' ')
