// Which constraints (by their backing index) and indexes exist, and whether they are online:
// applySchema creates only what is missing, so a run against a ready graph takes no schema locks.
SHOW INDEXES YIELD name, state
RETURN name, state
