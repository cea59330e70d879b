// Identifiers for papers written before them (externalId "arxiv:…", "s2:…", "openalex:…"; see
// write/find-papers). Their sources are recorded the next time their file is ingested. Auto-commit, batched.
MATCH (p:Paper)
WHERE p.externalId IS NOT NULL
CALL (p) {
  SET p.arxivId = CASE WHEN p.externalId STARTS WITH 'arxiv:' THEN toLower(substring(p.externalId, 6)) ELSE p.arxivId END,
      p.s2Id = CASE WHEN p.externalId STARTS WITH 's2:' THEN toLower(substring(p.externalId, 3)) ELSE p.s2Id END,
      p.openalexId = CASE WHEN p.externalId STARTS WITH 'openalex:' THEN toUpper(substring(p.externalId, 9)) ELSE p.openalexId END
  REMOVE p.externalId
} IN TRANSACTIONS OF 10000 ROWS
