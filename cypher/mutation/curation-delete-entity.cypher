// An entity merged into another goes, with what is left on it (mentions, topic links).
MATCH (e:Entity {id: $id})
DETACH DELETE e
