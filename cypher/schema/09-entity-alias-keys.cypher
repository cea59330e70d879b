// Alias lookups ("llama 3 8b" -> an alias key of LLaMA-3-8B) are CONTAINS " key " on the alias key text.
CREATE TEXT INDEX entity_alias_keys IF NOT EXISTS FOR (e:Entity) ON (e.aliasKeyText)
