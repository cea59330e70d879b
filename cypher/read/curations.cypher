// Corrections, newest first (ids sort by time), a page of $first after the cursor id $after.
MATCH (c:Curation)
WHERE $after IS NULL OR c.id < $after
RETURN c {.*} AS curation
ORDER BY c.id DESC
LIMIT toInteger($first)
