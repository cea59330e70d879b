// One correction by id.
MATCH (c:Curation {id: $id})
RETURN c {.*} AS curation
