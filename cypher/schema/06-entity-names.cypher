// Ranked search over entity names and their aliases (aliasText joins the alias list).
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliasText]
