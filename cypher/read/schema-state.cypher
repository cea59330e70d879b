// Readiness: the constraints and full-text indexes the API relies on, with their state.
SHOW INDEXES YIELD name, state
WHERE name IN ['paper_id', 'entity_id', 'entity_key', 'paper_text', 'entity_names']
RETURN name, state
