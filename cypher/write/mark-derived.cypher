// Records the graph's counts (read/derived-state) a refresh of the derived data started from, and
// whether it settled topics too ($topics: false for a refresh that left them alone), so a later run
// that changed nothing can tell they are current; $counts null forgets them, so the next run
// refreshes (an interrupted run wrote papers but derived nothing from them).
MERGE (m:TechtreeMeta {id: 'graph'})
SET m.derivedCounts = $counts, m.derivedTopics = $topics
