// Moves facts of entity $from to entity $into: a merge or kind change (every fact), a split
// ($mentions: only the paper facts whose mention is one of them), or undoing one ($only: only what
// came from those entities). An edge's trail is the entities its fact was first extracted on:
// curatedFrom (null: the entity it is on) and curatedAlso, the others whose same fact it stands
// for since a merge brought two onto one entity (as src/ingest/write/curate.ts marks them). A moved
// edge keeps its trail ($stamp: the entity moved from, which is its own origin). A fact $into already
// has keeps its own evidence and curatedFrom and adds the moved trail to curatedAlso, so undoing
// either correction still finds its fact. Undoing ($stamp null) moves the part of the trail in
// $only; an edge whose trail has more stays with the rest. So merges chained A -> B -> C undo in
// turn, each taking back the facts of the entities it brought, and a fact both merged entities had
// is back on both. Moved edges get the fact id of their new entity, and moved BUILDS_ON edges the
// lineage sort keys of their new ends (write/merge-builds-on).
MATCH (from:Entity {id: $from})
MATCH (into:Entity {id: $into})
CALL (from, into) {
  MATCH (p:Paper)-[r:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(from)
  WHERE $mentions IS NULL OR r.mention IN $mentions
  WITH p, r, into, [coalesce(r.curatedFrom, coalesce($stamp, from.id))] + coalesce(r.curatedAlso, []) AS trail
  WITH p, r, into, [x IN trail WHERE $only IS NULL OR x IN $only] AS moving, [x IN trail WHERE $only IS NOT NULL AND NOT x IN $only] AS staying
  WHERE size(moving) > 0
  OPTIONAL MATCH (p)-[o]->(into) WHERE type(o) = type(r) AND o.fact = r.fact
  WITH p, r, into, moving, staying, o IS NOT NULL AS existed
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
  SET n.factId = p.id + '|' + r.fact + '|' + into.id,
      n.curatedFrom = CASE WHEN existed THEN n.curatedFrom WHEN moving[0] = into.id THEN null ELSE moving[0] END
  WITH r, n, into, staying, CASE WHEN existed THEN coalesce(n.curatedAlso, []) + moving ELSE moving END AS also
  WITH r, n, staying, reduce(s = [], x IN also | CASE WHEN x = coalesce(n.curatedFrom, into.id) OR x IN s THEN s ELSE s + x END) AS also
  SET n.curatedAlso = CASE WHEN size(also) = 0 THEN null ELSE also END
  WITH r, staying
  SET r.curatedFrom = CASE WHEN size(staying) = 0 THEN r.curatedFrom WHEN staying[0] = $from THEN null ELSE staying[0] END,
      r.curatedAlso = CASE WHEN size(staying) > 1 THEN tail(staying) ELSE null END
  WITH r WHERE size(staying) = 0
  DELETE r
}
CALL (from, into) {
  MATCH (from)-[r:BUILDS_ON]->(b:Entity)
  WHERE $mentions IS NULL
  WITH r, b, into, [coalesce(r.curatedFrom, coalesce($stamp, from.id))] + coalesce(r.curatedAlso, []) AS trail
  WITH r, b, into, [x IN trail WHERE $only IS NULL OR x IN $only] AS moving, [x IN trail WHERE $only IS NOT NULL AND NOT x IN $only] AS staying
  WHERE size(moving) > 0
  CALL (r, b, into, moving) {
    WITH r, b, into, moving WHERE b <> into
    OPTIONAL MATCH (into)-[o:BUILDS_ON {paper: r.paper}]->(b)
    WITH r, b, into, moving, o IS NOT NULL AS existed
    MERGE (into)-[n:BUILDS_ON {paper: r.paper}]->(b) ON CREATE SET n = properties(r)
    SET n.factId = r.paper + '|BUILDS_ON|' + into.id + '|' + b.id,
        n.byTarget = b.id + ' ' + into.key + ' ' + into.id, n.bySource = into.id + ' ' + b.key + ' ' + b.id,
        n.curatedFrom = CASE WHEN existed THEN n.curatedFrom WHEN moving[0] = into.id THEN null ELSE moving[0] END
    WITH n, into, CASE WHEN existed THEN coalesce(n.curatedAlso, []) + moving ELSE moving END AS also
    WITH n, reduce(s = [], x IN also | CASE WHEN x = coalesce(n.curatedFrom, into.id) OR x IN s THEN s ELSE s + x END) AS also
    SET n.curatedAlso = CASE WHEN size(also) = 0 THEN null ELSE also END
  }
  WITH r, staying
  SET r.curatedFrom = CASE WHEN size(staying) = 0 THEN r.curatedFrom WHEN staying[0] = $from THEN null ELSE staying[0] END,
      r.curatedAlso = CASE WHEN size(staying) > 1 THEN tail(staying) ELSE null END
  WITH r WHERE size(staying) = 0
  DELETE r
}
CALL (from, into) {
  MATCH (a:Entity)-[r:BUILDS_ON]->(from)
  WHERE $mentions IS NULL
  WITH r, a, into, [coalesce(r.curatedFrom, coalesce($stamp, from.id))] + coalesce(r.curatedAlso, []) AS trail
  WITH r, a, into, [x IN trail WHERE $only IS NULL OR x IN $only] AS moving, [x IN trail WHERE $only IS NOT NULL AND NOT x IN $only] AS staying
  WHERE size(moving) > 0
  CALL (r, a, into, moving) {
    WITH r, a, into, moving WHERE a <> into
    OPTIONAL MATCH (a)-[o:BUILDS_ON {paper: r.paper}]->(into)
    WITH r, a, into, moving, o IS NOT NULL AS existed
    MERGE (a)-[n:BUILDS_ON {paper: r.paper}]->(into) ON CREATE SET n = properties(r)
    SET n.factId = r.paper + '|BUILDS_ON|' + a.id + '|' + into.id,
        n.byTarget = into.id + ' ' + a.key + ' ' + a.id, n.bySource = a.id + ' ' + into.key + ' ' + into.id,
        n.curatedFrom = CASE WHEN existed THEN n.curatedFrom WHEN moving[0] = into.id THEN null ELSE moving[0] END
    WITH n, into, CASE WHEN existed THEN coalesce(n.curatedAlso, []) + moving ELSE moving END AS also
    WITH n, reduce(s = [], x IN also | CASE WHEN x = coalesce(n.curatedFrom, into.id) OR x IN s THEN s ELSE s + x END) AS also
    SET n.curatedAlso = CASE WHEN size(also) = 0 THEN null ELSE also END
  }
  WITH r, staying
  SET r.curatedFrom = CASE WHEN size(staying) = 0 THEN r.curatedFrom WHEN staying[0] = $from THEN null ELSE staying[0] END,
      r.curatedAlso = CASE WHEN size(staying) > 1 THEN tail(staying) ELSE null END
  WITH r WHERE size(staying) = 0
  DELETE r
}
RETURN from.id AS from
