// Replaces the precomputed trending list of one window, with a marker (rank -1) saying it was
// computed. Entities are referenced by id, not by an edge, so a trend never keeps a deleted
// paper's orphaned entity alive. Two ingests finishing at once both replace the lists: the graph's
// metadata node is locked first (its id is unique), so the second replacement waits, then sees and
// deletes the first one's list instead of adding a second list beside it.
MERGE (meta:TechtreeMeta {id: 'graph'})
SET meta.replacingTrends = true
REMOVE meta.replacingTrends
WITH meta
OPTIONAL MATCH (old:Trend {window: $window})
DELETE old
WITH count(*) AS gone
CREATE (:Trend {window: $window, rank: -1})
WITH gone
UNWIND $rows AS row
CREATE (:Trend {window: $window, rank: row.rank, entity: row.id, recent: row.recent, before: row.before,
                expected: row.expected, score: row.score})
