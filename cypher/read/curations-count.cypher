// How many corrections there are (curations.totalCount).
MATCH (c:Curation)
RETURN count(c) AS n
