// The corrections (src/curation) a batch's facts must follow: the fact corrections of its papers
// (confirm, reject, add) and every entity correction (merge, split, kind), which stay few. Undone
// ones are history only. See src/ingest/write/curate.ts.
MATCH (c:Curation)
WHERE c.undoneAt IS NULL
  AND (c.paper IN $papers OR c.action IN ['merge', 'split', 'kind'])
RETURN c {.id, .action, .paper, .factId, .fact, .from, .into, .intoEntity, .entity, .aliasKey} AS curation
ORDER BY c.id
