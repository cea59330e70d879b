// The author a papersConnection author filter names ($id: "author:" + nameKey(name), the id the
// writer gives Author nodes, write/merge-authors, so case, spaces and punctuation do not matter),
// with how many papers list them (AUTHORED_BY degree), so the rarer of the author and the entity
// filters drives the query, as read/filter-entities counts the entities' papers. No row when no
// author has that id. A seek on the author_id constraint's index (cypher/schema/11-author-id).
MATCH (a:Author {id: $id})
RETURN a.id AS id, COUNT { (a)<-[:AUTHORED_BY]-() } AS papers
