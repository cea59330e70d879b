// Entities that no paper mentions any more are removed.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT (e)--()
DELETE e
RETURN count(*) AS deleted
