// Marks one stored fact as confirmed by a person ($confirmed true), or unmarks it (null).
OPTIONAL MATCH (:Paper {id: $paper})-[r:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(:Entity {id: $entity})
WHERE r.fact = $fact
OPTIONAL MATCH (:Entity {id: $from})-[b:BUILDS_ON {paper: $paper}]->(:Entity {id: $to})
FOREACH (x IN [e IN [r, b] WHERE e IS NOT NULL] | SET x.confirmed = $confirmed)
RETURN count(r) + count(b) AS marked
