// Name lookups ("flash attention" -> key "flashattention") seek on the key.
CREATE INDEX entity_key IF NOT EXISTS FOR (e:Entity) ON (e.key)
