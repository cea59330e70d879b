// Entities that no paper mentions any more are removed (a VARIANT_OF edge, derived, keeps none). The entity is locked before it is checked:
// MERGE takes its unique-index entry (a concurrent MERGE of the same entity waits for us, or we for
// it) and the SET/REMOVE pair its node lock, so an edge another writer committed meanwhile is seen
// and the entity stays, instead of failing that writer or this DELETE. A MERGE that finds nothing
// (deleted since) creates a bare node that the DELETE below removes again.
UNWIND $ids AS id
MERGE (e:Entity {id: id})
SET e.lockedForCleanup = true
REMOVE e.lockedForCleanup
WITH e
WHERE NOT EXISTS { MATCH (e)-[r]-() WHERE type(r) <> 'VARIANT_OF' }
DETACH DELETE e
RETURN count(*) AS deleted
