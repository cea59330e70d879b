// Entities first seen in papers placed at ingest get a topic and specificity from those papers;
// entities that have them keep theirs until topics are recomputed.
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity})
SET e.topic = coalesce(e.topic, row.topic), e.topicWeight = coalesce(e.topicWeight, row.weight),
    e.specificity = coalesce(e.specificity, row.bits)
