// The entities (not hardware) whose mentions fall mostly in each topic, most mentioned first.
UNWIND $ids AS id
MATCH (e:Entity {topic: id})
OPTIONAL MATCH (e)<-[r]-(:Paper)
WITH id, e, count(r) AS mentions
ORDER BY mentions DESC, e.name
RETURN id, collect(e {.id, .name, .kind, .key, .aliases}) AS entities
