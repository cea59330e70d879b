// Autocomplete's first tier: notable entities (write/mark-notable) by name key prefix.
CREATE INDEX notable_key IF NOT EXISTS FOR (e:Notable) ON (e.key)
