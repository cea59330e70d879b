// papersConnection without filters: the total from the count store (papers minus stubs, which the
// paper_stub index counts), and only the page asked for, read in index order for INPUT_ORDER
// (sourceFile, sourceLine) and the listing-date orders (listedOn; the undated papers follow them,
// see read/papers-undated). TITLE sorts every paper. Each order's branch is guarded before its
// MATCH, so the branches not asked for read nothing.
CALL () { MATCH (p:Paper) RETURN count(p) AS papers }
CALL () { MATCH (p:Paper) WHERE p.stub = true RETURN count(p) AS stubs }
CALL () {
  WITH $order AS o WHERE o IN ['INPUT_ORDER', 'RELEVANCE']
  MATCH (p:Paper) WHERE p.sourceFile IS NOT NULL AND p.sourceLine IS NOT NULL
  WITH p ORDER BY p.sourceFile, p.sourceLine SKIP toInteger($skip) LIMIT toInteger($limit) + 1
  RETURN collect(p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}) AS byInput
}
CALL () {
  WITH $order AS o WHERE o = 'LISTING_DATE_DESC'
  MATCH (p:Paper) WHERE p.listedOn IS NOT NULL
  WITH p ORDER BY p.listedOn DESC, p.sourceFile, p.sourceLine SKIP toInteger($skip) LIMIT toInteger($limit) + 1
  RETURN collect(p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}) AS byNewest
}
CALL () {
  WITH $order AS o WHERE o = 'LISTING_DATE_ASC'
  MATCH (p:Paper) WHERE p.listedOn IS NOT NULL
  WITH p ORDER BY p.listedOn, p.sourceFile, p.sourceLine SKIP toInteger($skip) LIMIT toInteger($limit) + 1
  RETURN collect(p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}) AS byOldest
}
CALL () {
  WITH $order AS o WHERE o = 'TITLE'
  MATCH (p:Paper) WHERE NOT coalesce(p.stub, false)
  WITH p ORDER BY toLower(p.title), p.sourceFile, p.sourceLine SKIP toInteger($skip) LIMIT toInteger($limit) + 1
  RETURN collect(p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}) AS byTitle
}
RETURN papers - stubs AS total, [r IN byInput + byNewest + byOldest + byTitle | {paper: r, score: null}] AS page
