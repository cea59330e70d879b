// An entity's topic is the one holding most of its mentions (see clear-entity-topics for why a property).
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity})
SET e.topic = row.topic, e.topicWeight = row.weight
