UNWIND $ids AS id
MATCH (t:Topic {id: id})
RETURN t {.id, .name, .size, .rank, .entities, .terms} AS topic
