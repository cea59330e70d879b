// What the sources of the given papers say about them besides their text, batched: the source keys
// ("kind:id", src/ingest/write/sources.ts), the authors in byline order, the categories, the venue and
// the identifiers. Read only when a query selects one of the Paper fields made from them (sources,
// authors, categories, venue, arxivId, doi, url), so lists of papers pay nothing for it.
UNWIND $ids AS id
MATCH (p:Paper {id: id})
RETURN id,
       coalesce(p.sources, []) AS sources,
       COLLECT { MATCH (p)-[r:AUTHORED_BY]->(a:Author) RETURN a.name ORDER BY r.position, a.name } AS authors,
       COLLECT { MATCH (p)-[:IN_CATEGORY]->(c:Category) RETURN c.name ORDER BY c.name } AS categories,
       p.venue AS venue, p.arxivId AS arxivId, p.doi AS doi, p.s2Id AS s2Id, p.openalexId AS openalexId
