// (:Paper)-[:ABOUT {weight}]->(:Topic): weight is the paper's share of similarity to the topic.
// byTopic is the topic's sort key for its papers (cypher/schema/27): the topic id, a space, 1 - weight
// in millionths as seven digits (so a heavier paper sorts first; weights are shares in 0..1, clamped),
// a space, the paper id (ties). A space sorts before any digit, and topic ids hold none. Both topic
// recomputes and the placement of new papers write through here, so every edge has its key.
UNWIND $rows AS row
MATCH (p:Paper {id: row.paper})
MATCH (t:Topic {id: row.topic})
MERGE (p)-[a:ABOUT]->(t)
SET a.weight = row.weight,
    a.byTopic = t.id + ' ' + right('000000' + toString(1000000 - toInteger(round(1000000 * CASE WHEN row.weight > 1.0 THEN 1.0 WHEN row.weight < 0.0 THEN 0.0 ELSE row.weight END))), 7) + ' ' + p.id
