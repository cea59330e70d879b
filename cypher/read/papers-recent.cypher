// Papers in input order (file, line) when no search text is given.
MATCH (p:Paper)
WHERE NOT coalesce(p.stub, false)
RETURN p {.*} AS paper
ORDER BY p.sourceFile, p.sourceLine, p.title
LIMIT toInteger($first)
