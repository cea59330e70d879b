// Papers in input order (file, line) when no search text is given: the first entries of the
// paper_input_order index (stubs have no source, so they are not in it).
MATCH (p:Paper)
WHERE p.sourceFile IS NOT NULL AND p.sourceLine IS NOT NULL
RETURN p {.*} AS paper
ORDER BY p.sourceFile, p.sourceLine
LIMIT toInteger($first)
