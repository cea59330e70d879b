// Topic.members reads the entities whose topic property names the topic.
CREATE INDEX entity_topic IF NOT EXISTS FOR (e:Entity) ON (e.topic)
