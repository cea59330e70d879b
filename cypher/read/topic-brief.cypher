// What a graph node shows of its topic (id and name): the explorer colours each node of a view by
// its topic and names it in the legend, about fifty topics for a first view. The whole topic (its
// entity and term lists) is about six times the bytes to read, send and convert (read/topic-by-id).
UNWIND $ids AS id
MATCH (t:Topic {id: id})
RETURN t {.id, .name} AS topic
