// Stores a correction as its own node (who, when, what, why), so it outlives the edges it changed.
CREATE (c:Curation)
SET c = $props
RETURN c {.*} AS curation
