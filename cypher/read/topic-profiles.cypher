// Every topic's profile (its strongest features and their weights), for placing new papers.
MATCH (t:Topic)
RETURN t.id AS id, coalesce(t.profileFeatures, []) AS features, coalesce(t.profileWeights, []) AS weights
ORDER BY t.rank
