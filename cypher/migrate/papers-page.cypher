// The next page of papers by id (after $after) with their listing dates, for the listedOn backfill.
MATCH (p:Paper)
WHERE p.id > $after
RETURN p.id AS id, p.listingDate AS listingDate
ORDER BY p.id
LIMIT toInteger($limit)
