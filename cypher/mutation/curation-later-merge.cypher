// Undoing a merge, kind change or split: the active merge or kind change made since (an id after
// $after) that took the entity it fed ($from) on into another. Its facts are that entity's now, and
// the later correction's undo is what knows which they are, so this one waits for it. Reads only the
// corrections from $from (curation_from), not every active correction.
MATCH (c:Curation {from: $from})
WHERE c.undoneAt IS NULL AND c.action IN ['merge', 'kind'] AND c.id > $after
RETURN c {.id, .action, .into} AS curation
ORDER BY c.id
LIMIT 1
