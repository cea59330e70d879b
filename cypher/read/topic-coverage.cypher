// How many real papers there are, how many a topic holds as their main topic, and how many topics:
// decides between placing new papers into the topics and recomputing them (src/topics/refresh.ts).
CALL () { MATCH (p:Paper) RETURN count(p) AS everything }
CALL () { MATCH (p:Paper) WHERE p.stub = true RETURN count(p) AS stubs }
CALL () { MATCH (t:Topic) RETURN count(t) AS topics, coalesce(sum(t.size), 0) AS placed }
RETURN everything - stubs AS papers, placed, topics
