// Papers in input order (file, line) when no search text is given: the first entries of the
// paper_input_order index (stubs have no source, so they are not in it).
// Papers project only what Paper resolves from its parent (addedAt and sources have loaders): the
// stored source records and temporal values cost transfer and the driver's date conversions.
MATCH (p:Paper)
WHERE p.sourceFile IS NOT NULL AND p.sourceLine IS NOT NULL
RETURN p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine} AS paper
ORDER BY p.sourceFile, p.sourceLine
LIMIT toInteger($first)
