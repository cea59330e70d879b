// The paper a correction names, if it is one (stubs have no text to hold a fact).
MATCH (p:Paper {id: $id})
WHERE coalesce(p.stub, false) = false
RETURN p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine} AS paper
