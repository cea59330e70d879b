// The papers people corrected (an active confirm, reject or add) with every fact the graph now
// holds for them, corrections applied: what `techtree export --curations` writes as gold records.
// builds_on facts are paper edges (USES {fact: 'builds_on'}) or, when the paper introduces
// something, its contribution's BUILDS_ON {fact: 'builds_on'} (src/domain/facts.ts).
MATCH (c:Curation)
WHERE c.undoneAt IS NULL AND c.action IN ['confirm', 'reject', 'add']
WITH c.paper AS id, collect(c {.id, .action, .factId, .who, .at, .reason}) AS curations
MATCH (p:Paper {id: id})
CALL (p) {
  OPTIONAL MATCH (p)-[r:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e:Entity)
  WITH r, e WHERE r IS NOT NULL
  RETURN collect({fact: r.fact, mention: r.mention, name: e.name, aliases: e.aliases, claim: r.claim}) AS facts
}
CALL (p) {
  OPTIONAL MATCH (:Entity)-[b:BUILDS_ON {paper: p.id}]->(e:Entity)
  WITH b, e WHERE b IS NOT NULL AND b.fact = 'builds_on'
  RETURN collect({fact: 'builds_on', mention: b.mention, name: e.name, aliases: e.aliases, claim: null}) AS lineage
}
RETURN p.id AS id, p.title AS title, p.abstract AS abstract, curations, facts + lineage AS facts
ORDER BY p.title, p.id
