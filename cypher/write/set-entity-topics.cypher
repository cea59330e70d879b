// Each entity's topic (the one holding most of its mentions; null for hardware), that share, and
// its topic specificity in bits (how much knowing the entity tells about a paper's topic; trending
// ranks generic entities down by it). An entity topic is a property, not an edge: an edge would
// keep orphaned entities alive (write/delete-orphan-entities deletes entities with no relationship).
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity})
SET e.topic = row.topic, e.topicWeight = row.weight, e.specificity = row.bits
