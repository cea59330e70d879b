// The papers of each topic, most central first (heaviest ABOUT weight, then paper id), at most $first
// each. Bounded: the byTopic index (cypher/schema/27) lists a topic's papers already in that order,
// so the seek reads $first entries whatever the topic's size; a sort of all its members cost a
// 700-paper topic 3,300 db hits at 100k papers.
// SEEK in the hint: on a small graph the planner may otherwise scan the whole index in order.
// Papers project only what Paper resolves from its parent (addedAt and sources have loaders): the
// stored source records and temporal values cost transfer and the driver's date conversions.
UNWIND $ids AS id
MATCH (t:Topic {id: id})
CALL (t) {
  MATCH (p:Paper)-[a:ABOUT]->()
  USING INDEX SEEK a:ABOUT(byTopic)
  WHERE a.byTopic STARTS WITH t.id + ' '
  WITH p, a ORDER BY a.byTopic LIMIT toInteger($first)
  RETURN collect(p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}) AS papers
}
RETURN id, papers
