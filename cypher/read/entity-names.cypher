// Every entity's name and key, for the VARIANT_OF pass (src/derived/variants.ts).
MATCH (e:Entity)
RETURN e.id AS id, e.key AS key, e.name AS name, e.kind AS kind, e.aliases AS aliases
