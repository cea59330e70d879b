// The spellings the papers used for an entity (the `mention` of its facts): which facts a split takes.
MATCH (:Paper)-[r:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(:Entity {id: $id})
RETURN DISTINCT r.mention AS mention
