// What says whether the derived data (topics' coverage aside: read/topic-coverage) still follow the
// graph, so a run that changed nothing can leave them as they are (src/derived/refresh.ts):
// the graph's counts now (papers, entities, MENTIONS edges: count-store reads, no scan), the counts
// the last refresh started from (TechtreeMeta.derivedCounts, written by write/mark-derived) and
// whether it settled topics (derivedTopics), and how many of the trending windows ($windows) have a
// computed list (its rank -1 marker).
// Trending depends on the graph alone (its windows end at the newest listing day, not today), so
// equal counts and every list present mean a refresh would compute what is stored; a write that
// kept every count (an interrupted run updating papers) clears derivedCounts instead.
CALL () { MATCH (p:Paper) RETURN count(p) AS papers }
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
CALL () { MATCH ()-[r:MENTIONS]->() RETURN count(r) AS mentions }
CALL () {
  UNWIND $windows AS window
  OPTIONAL MATCH (t:Trend {window: window})
  WHERE t.rank = -1
  RETURN count(DISTINCT t.window) AS windows
}
OPTIONAL MATCH (m:TechtreeMeta {id: 'graph'})
RETURN [papers, entities, mentions] AS counts, m.derivedCounts AS stored, coalesce(m.derivedTopics, false) AS topics, windows
