// The papers that mention the given entities: their inferred citations follow a merge or split.
UNWIND $ids AS id
MATCH (p:Paper)-[:MENTIONS]->(:Entity {id: id})
RETURN DISTINCT p.id AS id
