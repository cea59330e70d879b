// Deletes one paper node after write/delete-paper-facts removed its facts (DETACH drops any
// remaining citation). Lives outside cypher/write, which belongs to the ingest pipeline.
MATCH (p:Paper {id: $id})
DETACH DELETE p
RETURN count(*) AS deleted
