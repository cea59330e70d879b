// The entities (not hardware) whose mentions fall mostly in each topic, most mentioned first
// (MENTIONS degree), at most $first each; entity_topic indexes the topic property.
UNWIND $ids AS id
CALL (id) {
  MATCH (e:Entity {topic: id})
  WITH e, COUNT { (e)<-[:MENTIONS]-() } AS mentions
  ORDER BY mentions DESC, e.name LIMIT toInteger($first)
  RETURN collect(e {.id, .name, .kind, .key, .aliases}) AS entities
}
RETURN id, entities
