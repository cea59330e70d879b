// Edges without the sort keys the reads seek them by: ABOUT without byTopic (a topic then lists none
// of those papers) and BUILDS_ON without byTarget or bySource (lineage misses the edge). Their
// migrations (migrate/about-order, migrate/builds-on-order) keyed every edge once; a techtree older
// than those keys, run on the graph after them, writes edges without (its `techtree topics` left
// every topic listing no papers). Checked when a command starts (src/derived/repair.ts): each count
// comes from the count store and the key's index, so no edge is read.
CALL () { MATCH ()-[a:ABOUT]->() RETURN count(a) AS about }
CALL () { MATCH ()-[a:ABOUT]->() WHERE a.byTopic IS NOT NULL RETURN count(a) AS aboutKeyed }
CALL () { MATCH ()-[r:BUILDS_ON]->() RETURN count(r) AS buildsOn }
CALL () { MATCH ()-[r:BUILDS_ON]->() WHERE r.byTarget IS NOT NULL RETURN count(r) AS byTarget }
CALL () { MATCH ()-[r:BUILDS_ON]->() WHERE r.bySource IS NOT NULL RETURN count(r) AS bySource }
RETURN about - aboutKeyed AS about, buildsOn - CASE WHEN byTarget < bySource THEN byTarget ELSE bySource END AS buildsOn
