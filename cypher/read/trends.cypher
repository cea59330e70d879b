// The precomputed trending list of one window (src/derived/trends.ts writes it after every ingest),
// plus the window's marker row (rank -1, no entity), which says the list was computed even when empty.
MATCH (t:Trend {window: $window})
WHERE t.rank < toInteger($first)
OPTIONAL MATCH (e:Entity {id: t.entity})
WITH t, e
WHERE t.rank = -1 OR e IS NOT NULL
RETURN CASE WHEN e IS NULL THEN null ELSE e {.id, .name, .kind, .key, .aliases} END AS entity,
       t.recent AS recent, t.before AS before, t.recent - t.before AS growth, t.expected AS expected, t.score AS score
ORDER BY t.rank
