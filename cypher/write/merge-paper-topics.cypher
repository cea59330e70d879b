// (:Paper)-[:ABOUT {weight}]->(:Topic): weight is the paper's share of similarity to the topic.
UNWIND $rows AS row
MATCH (p:Paper {id: row.paper})
MATCH (t:Topic {id: row.topic})
MERGE (p)-[a:ABOUT]->(t)
SET a.weight = row.weight
