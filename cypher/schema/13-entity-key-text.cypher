// Autocomplete ("flash" anywhere in a name key) is CONTAINS on the key: a trigram text index.
CREATE TEXT INDEX entity_key_text IF NOT EXISTS FOR (e:Entity) ON (e.key)
