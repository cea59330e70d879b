// One node per topic; id is derived from the name, rank orders topics by size.
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
SET t.name = row.name, t.size = row.size, t.rank = row.rank, t.entities = row.entities, t.terms = row.terms
