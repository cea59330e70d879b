// A correction undone stays as history (who undid it, when) and no longer applies (write/find-curations).
MATCH (c:Curation {id: $id})
SET c.undoneAt = $at, c.undoneBy = $who
RETURN c {.*} AS curation
