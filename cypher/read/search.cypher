// One ranked list over papers and entities. Lucene scores of different indexes are not comparable,
// so each is divided by the best score of its own index. $query is Lucene with user text escaped.
// Each index hands over only its best $skip + $limit + 1 hits, which is all a page can hold, the
// paper index $room more for stubs (papers known only from references: titles, indexed, never
// listed). cut says that was not room enough: every hit read, and fewer papers than a page needs
// among them, so papers further down may belong on the page; src/api/fields/search.ts reads again
// with more room (a graph of Semantic Scholar records holds a stub per reference, and their short
// titles can outrank papers). The total, which needs every hit, is read-search-total, run only
// when asked for.
// An entity whose name or alias is exactly what was typed ($key: its normalised key; "flash
// attention" is FlashAttention's alias) comes first, scoring 1: Lucene ranks such a name below
// shorter ones sharing a word ("Gemini 1.5 Flash", "attention"), and a user who types a name means it.
CALL () {
  CALL db.index.fulltext.queryNodes('paper_text', $query, {limit: toInteger($skip) + toInteger($limit) + 1 + toInteger($room)}) YIELD node, score
  RETURN collect({node: node, score: score}) AS read
}
WITH read, [h IN read WHERE NOT coalesce(h.node.stub, false)] AS papers
WITH papers, size(read) = toInteger($skip) + toInteger($limit) + 1 + toInteger($room) AND size(papers) < toInteger($skip) + toInteger($limit) + 1 AS cut
CALL (papers) {
  CALL (papers) {
    WITH papers, reduce(m = 0.0, h IN papers | CASE WHEN h.score > m THEN h.score ELSE m END) AS best
    UNWIND papers AS h
    WITH h.node AS n, h.score / best AS score
    RETURN 'Paper' AS kind, n {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine, kind: 'Paper'} AS item, score, false AS exact
    UNION ALL
    CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: toInteger($skip) + toInteger($limit) + 1}) YIELD node, score
    WITH collect({node: node, score: score}) AS hits
    WITH hits, reduce(m = 0.0, h IN hits | CASE WHEN h.score > m THEN h.score ELSE m END) AS best
    UNWIND hits AS h
    WITH h.node AS n, h.score / best AS score, (h.node.key = $key OR $key IN coalesce(h.node.aliasKeys, [])) AS exact
    RETURN n.kind AS kind, n {.id, .name, .kind, .key, .aliases} AS item, CASE WHEN exact THEN 1.0 ELSE score END AS score, exact
  }
  WITH kind, item, score, exact
  // Papers of equal score in input order, as papersConnection(orderBy: RELEVANCE) ranks them.
  ORDER BY exact DESC, score DESC, kind, item.sourceFile, item.sourceLine, coalesce(item.name, item.title)
  SKIP toInteger($skip) LIMIT toInteger($limit) + 1
  RETURN collect({kind: kind, item: item, score: score}) AS page
}
RETURN page, cut
