// An entity is :Notable while at least 3 papers mention it (MENTIONS degree). Autocomplete ranks the
// few notable names by how often they are mentioned and lists the long tail of one-off names in key
// order, so it never has to count the mentions of thousands of names sharing a prefix.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WITH e, COUNT { (e)<-[:MENTIONS]-() } >= 3 AS notable
FOREACH (_ IN CASE WHEN notable AND NOT e:Notable THEN [1] ELSE [] END | SET e:Notable)
FOREACH (_ IN CASE WHEN NOT notable AND e:Notable THEN [1] ELSE [] END | REMOVE e:Notable)
