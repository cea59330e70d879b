// Identity: for every record of a batch ($rows: index, id, arxiv, doi, s2, openalex), the paper nodes
// (stubs included) that have its id (the hash of its title key) or share one of its identifiers.
// A null identifier matches nothing. Each lookup is an index seek (cypher/schema).
UNWIND $rows AS row
CALL (row) {
  MATCH (p:Paper {id: row.id}) RETURN p
  UNION
  MATCH (p:Paper {arxivId: row.arxiv}) RETURN p
  UNION
  MATCH (p:Paper {doi: row.doi}) RETURN p
  UNION
  MATCH (p:Paper {s2Id: row.s2}) RETURN p
  UNION
  MATCH (p:Paper {openalexId: row.openalex}) RETURN p
}
RETURN row.index AS index,
       p {.id, stub: coalesce(p.stub, false), .abstract, .textHash, .extractorVersion, .sourceRecords, .sourceFile, .sourceLine,
          derivedPending: coalesce(p.derivedPending, false)} AS paper
