// One node per topic; id is derived from the name, rank orders topics by size; the profile
// (features "p:<phrase>" / "e:<entity id>" with mean weights) places papers that arrive later.
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
SET t.name = row.name, t.size = row.size, t.rank = row.rank, t.entities = row.entities, t.terms = row.terms,
    t.profileFeatures = row.features, t.profileWeights = row.weights
