// The sources of the given papers (keys "kind:id", src/ingest/write/sources.ts), batched.
UNWIND $ids AS id
MATCH (p:Paper {id: id})
RETURN id, coalesce(p.sources, []) AS sources
