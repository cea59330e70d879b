// Entity topic membership is a property, not an edge: an ABOUT edge would keep orphaned
// entities alive (write/delete-orphan-entities deletes entities with no relationship at all).
MATCH (e:Entity)
WHERE e.topic IS NOT NULL
REMOVE e.topic, e.topicWeight
