// "Did you mean" for an author filter that names nobody: a fuzzy full-text query over the names
// authors are written with (write/merge-authors), so "Tri Dau" and "Dao" can suggest Tri Dao.
CREATE FULLTEXT INDEX author_names IF NOT EXISTS FOR (a:Author) ON EACH [a.name]
