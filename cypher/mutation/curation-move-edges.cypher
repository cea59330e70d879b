// Moves facts of entity $from to entity $into: a merge or kind change (every fact), a split
// ($mentions: only the paper facts whose mention is one of them), or undoing one ($only: only the
// edges that came from those entities, by their curatedFrom). A moved edge is marked curatedFrom with
// the entity it was first extracted on (as src/ingest/write/curate.ts marks it): its mark if it has
// one, else $stamp; undoing ($stamp null) keeps the mark unless the edge is back on that entity. So
// merges chained A -> B -> C undo in turn, each taking back the facts of the entities it brought.
// Moved edges get the fact id of their new entity, and moved BUILDS_ON edges the lineage sort keys of
// their new ends (write/merge-builds-on). A fact $into already has keeps its own evidence.
MATCH (from:Entity {id: $from})
MATCH (into:Entity {id: $into})
CALL (from, into) {
  MATCH (p:Paper)-[r:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(from)
  WHERE ($only IS NULL OR r.curatedFrom IN $only) AND ($mentions IS NULL OR r.mention IN $mentions)
  CALL (p, r, into) {
    WITH p, r, into WHERE type(r) = 'INTRODUCES'
    MERGE (p)-[n:INTRODUCES {fact: r.fact}]->(into) ON CREATE SET n = properties(r)
    RETURN n
    UNION
    WITH p, r, into WHERE type(r) = 'USES'
    MERGE (p)-[n:USES {fact: r.fact}]->(into) ON CREATE SET n = properties(r)
    RETURN n
    UNION
    WITH p, r, into WHERE type(r) = 'COMPARES_TO'
    MERGE (p)-[n:COMPARES_TO {fact: r.fact}]->(into) ON CREATE SET n = properties(r)
    RETURN n
    UNION
    WITH p, r, into WHERE type(r) = 'EVALUATED_ON'
    MERGE (p)-[n:EVALUATED_ON {fact: r.fact}]->(into) ON CREATE SET n = properties(r)
    RETURN n
  }
  SET n.factId = p.id + '|' + r.fact + '|' + into.id, n.curatedFrom = CASE WHEN $stamp IS NULL THEN CASE WHEN r.curatedFrom = into.id THEN null ELSE r.curatedFrom END ELSE coalesce(r.curatedFrom, $stamp) END
  DELETE r
}
CALL (from, into) {
  MATCH (from)-[r:BUILDS_ON]->(b:Entity)
  WHERE $mentions IS NULL AND ($only IS NULL OR r.curatedFrom IN $only)
  CALL (r, b, into) {
    WITH r, b, into WHERE b <> into
    MERGE (into)-[n:BUILDS_ON {paper: r.paper}]->(b) ON CREATE SET n = properties(r)
    SET n.factId = r.paper + '|BUILDS_ON|' + into.id + '|' + b.id, n.curatedFrom = CASE WHEN $stamp IS NULL THEN CASE WHEN r.curatedFrom = into.id THEN null ELSE r.curatedFrom END ELSE coalesce(r.curatedFrom, $stamp) END,
        n.byTarget = b.id + ' ' + into.key + ' ' + into.id, n.bySource = into.id + ' ' + b.key + ' ' + b.id
  }
  DELETE r
}
CALL (from, into) {
  MATCH (a:Entity)-[r:BUILDS_ON]->(from)
  WHERE $mentions IS NULL AND ($only IS NULL OR r.curatedFrom IN $only)
  CALL (r, a, into) {
    WITH r, a, into WHERE a <> into
    MERGE (a)-[n:BUILDS_ON {paper: r.paper}]->(into) ON CREATE SET n = properties(r)
    SET n.factId = r.paper + '|BUILDS_ON|' + a.id + '|' + into.id, n.curatedFrom = CASE WHEN $stamp IS NULL THEN CASE WHEN r.curatedFrom = into.id THEN null ELSE r.curatedFrom END ELSE coalesce(r.curatedFrom, $stamp) END,
        n.byTarget = into.id + ' ' + a.key + ' ' + a.id, n.bySource = a.id + ' ' + into.key + ' ' + into.id
  }
  DELETE r
}
RETURN from.id AS from
