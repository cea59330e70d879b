// The topics of each paper, strongest first.
UNWIND $ids AS id
MATCH (:Paper {id: id})-[a:ABOUT]->(t:Topic)
WITH id, a, t
ORDER BY a.weight DESC, t.rank
RETURN id, collect(t {.id, .name, .size, .rank, .entities, .terms, weight: a.weight}) AS topics
