// One node per canonical entity; the kind label comes from a closed set (FOREACH keeps it static).
// aliasKeyText (" k1 k2 ") lets alias lookups use a text index: key IN aliasKeys cannot use any index.
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.name = row.name, e.key = row.key, e.kind = row.kind, e.aliases = [], e.aliasKeys = []
SET e.aliases = reduce(acc = e.aliases, a IN row.aliases | CASE WHEN a IN acc THEN acc ELSE acc + a END),
    e.aliasKeys = reduce(acc = e.aliasKeys, k IN row.aliasKeys | CASE WHEN k IN acc THEN acc ELSE acc + k END)
SET e.aliasText = reduce(s = '', a IN e.aliases | s + ' | ' + a),
    e.aliasKeyText = reduce(s = ' ', k IN e.aliasKeys | s + k + ' ')
FOREACH (_ IN CASE WHEN row.kind = 'Technique' THEN [1] ELSE [] END | SET e:Technique)
FOREACH (_ IN CASE WHEN row.kind = 'Model' THEN [1] ELSE [] END | SET e:Model)
FOREACH (_ IN CASE WHEN row.kind = 'Dataset' THEN [1] ELSE [] END | SET e:Dataset)
FOREACH (_ IN CASE WHEN row.kind = 'Hardware' THEN [1] ELSE [] END | SET e:Hardware)
