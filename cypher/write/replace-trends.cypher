// Replaces the precomputed trending list of one window, with a marker (rank -1) saying it was
// computed. Entities are referenced by id, not by an edge, so a trend never keeps a deleted
// paper's orphaned entity alive.
MATCH (old:Trend {window: $window})
DELETE old
WITH count(*) AS gone
CREATE (:Trend {window: $window, rank: -1})
WITH gone
UNWIND $rows AS row
CREATE (:Trend {window: $window, rank: row.rank, entity: row.id, recent: row.recent, before: row.before,
                expected: row.expected, score: row.score})
