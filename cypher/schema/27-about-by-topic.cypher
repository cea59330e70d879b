// A topic's papers, most central first: ABOUT.byTopic is the topic's id, then the paper's weight as
// a descending fixed-width number, then the paper's id (write/merge-paper-topics), so a prefix seek
// on a topic's id lists its papers in that order and read/topic-papers reads only the first few,
// however large the topic.
CREATE INDEX about_by_topic IF NOT EXISTS FOR ()-[a:ABOUT]-() ON (a.byTopic)
