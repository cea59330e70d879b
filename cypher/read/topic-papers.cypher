// The papers of each topic, most central first.
UNWIND $ids AS id
MATCH (p:Paper)-[a:ABOUT]->(:Topic {id: id})
WITH id, a, p
ORDER BY a.weight DESC, p.title
RETURN id, collect(p {.*}) AS papers
