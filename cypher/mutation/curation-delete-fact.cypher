// Removes one stored fact (a rejection, or undoing an added fact); the caller then fixes the
// paper's mentions and inferred citations (mutation/curation-fix-mentions, write/infer-citations).
OPTIONAL MATCH (:Paper {id: $paper})-[r:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(:Entity {id: $entity})
WHERE r.fact = $fact
OPTIONAL MATCH (:Entity {id: $from})-[b:BUILDS_ON {paper: $paper}]->(:Entity {id: $to})
DELETE r, b
RETURN count(r) + count(b) AS deleted
