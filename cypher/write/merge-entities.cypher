// One node per canonical entity; the kind label comes from a closed set (FOREACH keeps it static).
// aliasKeyText (" k1 k2 ") lets alias lookups use a text index: key IN aliasKeys cannot use any index.
// An entity that exists with every alias of the row is matched, not written: a SET, even of the same
// value, locks the node until commit, and the hot entities (GPU, A100, Transformer) would serialise
// every concurrent writer. Aliases are a sorted set, so the graph is the same whichever writer
// brings which alias first (a SET that reads the node's own property locks it before reading); for
// the same reason the display name is the least of the spellings seen, not the first one, unless
// a person named the entity (nameCurated, src/curation): then their name stays. Every other spelling
// seen is an alias: a row's name that is not the display name, and a display name that a lesser
// spelling replaces (before, a spelling that one paper wrote as the name of a model of one key,
// "Llama2-7B" beside "LLaMA2 7B", was nowhere in the entity: its aliases stayed empty).
// addedAt is when the entity was first stored ($now), for the explorer's "new since".
// generic marks the vocabulary's umbrella terms (attention, LLM), which read/trending leaves out.
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.name = row.name, e.key = row.key, e.kind = row.kind, e.aliases = [], e.aliasKeys = [], e.addedAt = datetime($now), e.generic = coalesce(row.generic, false)
WITH e, row
WHERE e.aliasText IS NULL
   OR (row.name < e.name AND e.nameCurated IS NULL)
   OR (row.name <> e.name AND NOT row.name IN e.aliases)
   OR any(a IN row.aliases WHERE NOT a IN e.aliases)
   OR any(k IN row.aliasKeys WHERE NOT k IN e.aliasKeys)
   OR coalesce(e.generic, false) <> coalesce(row.generic, false)
WITH e, row, e.name AS was, CASE WHEN row.name < e.name AND e.nameCurated IS NULL THEN row.name ELSE e.name END AS name
SET e.name = name,
    e.aliases = COLLECT { UNWIND e.aliases + row.aliases + [was, row.name] AS a WITH a WHERE a <> name RETURN DISTINCT a ORDER BY a },
    e.aliasKeys = COLLECT { UNWIND e.aliasKeys + row.aliasKeys AS k RETURN DISTINCT k ORDER BY k }
SET e.generic = coalesce(row.generic, false),
    e.aliasText = reduce(s = '', a IN e.aliases | s + ' | ' + a),
    e.aliasKeyText = reduce(s = ' ', k IN e.aliasKeys | s + k + ' ')
FOREACH (_ IN CASE WHEN row.kind = 'Technique' THEN [1] ELSE [] END | SET e:Technique)
FOREACH (_ IN CASE WHEN row.kind = 'Model' THEN [1] ELSE [] END | SET e:Model)
FOREACH (_ IN CASE WHEN row.kind = 'Dataset' THEN [1] ELSE [] END | SET e:Dataset)
FOREACH (_ IN CASE WHEN row.kind = 'Hardware' THEN [1] ELSE [] END | SET e:Hardware)
