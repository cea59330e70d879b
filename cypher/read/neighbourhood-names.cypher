// Autocomplete, in tiers, each an index read: notable entities (mentioned by at least 3 papers, see
// write/mark-notable) whose name key starts with $key, the exact key first, then the most mentioned;
// then any entity whose key starts with it, in key order (the long tail of names seen once or twice);
// then entities with an alias key starting with it; then notable entities whose key contains it, most
// mentioned first; then the first few others whose key contains it. An entity is listed once: each tier
// leaves out what the tiers before it found (a key that starts with the text also contains it).
// A tier is read only while the ones before it hold fewer than $first entities.
CALL () {
  MATCH (e:Notable)
  WHERE e.key STARTS WITH $key
  WITH e, CASE WHEN e.key = $key THEN 0 ELSE 1 END AS rank, COUNT { (e)<-[:MENTIONS]-() } AS mentions
  ORDER BY rank, mentions DESC, size(e.name), e.name
  LIMIT toInteger($first)
  RETURN collect({e: e, rank: rank, mentions: mentions}) AS notable
}
CALL (notable) {
  WITH notable WHERE size(notable) < toInteger($first)
  MATCH (e:Entity)
  WHERE e.key STARTS WITH $key AND NOT e:Notable
  WITH e ORDER BY e.key LIMIT toInteger($first)
  RETURN collect({e: e, rank: CASE WHEN e.key = $key THEN 0 ELSE 1 END, mentions: COUNT { (e)<-[:MENTIONS]-() }}) AS rare
}
CALL (notable, rare) {
  WITH notable + rare AS found WHERE size(found) < toInteger($first)
  MATCH (e:Entity)
  WHERE e.aliasKeyText CONTAINS ' ' + $key AND NOT e IN [x IN found | x.e]
  WITH e, COUNT { (e)<-[:MENTIONS]-() } AS mentions
  ORDER BY mentions DESC, size(e.name), e.name
  LIMIT toInteger($first)
  RETURN collect({e: e, rank: 2, mentions: mentions}) AS byAlias
}
CALL (notable, rare, byAlias) {
  WITH notable + rare + byAlias AS found WHERE size(found) < toInteger($first)
  MATCH (e:Notable)
  WHERE e.key CONTAINS $key AND NOT e IN [x IN found | x.e]
  WITH e, COUNT { (e)<-[:MENTIONS]-() } AS mentions
  ORDER BY mentions DESC, size(e.name), e.name
  LIMIT toInteger($first)
  RETURN collect({e: e, rank: 3, mentions: mentions}) AS byPart
}
CALL (notable, rare, byAlias, byPart) {
  WITH notable + rare + byAlias + byPart AS found WHERE size(found) < toInteger($first)
  MATCH (e:Entity)
  WHERE e.key CONTAINS $key AND NOT e:Notable AND NOT e IN [x IN found | x.e]
  WITH e LIMIT toInteger($first)
  WITH e ORDER BY e.key
  RETURN collect({e: e, rank: 4, mentions: COUNT { (e)<-[:MENTIONS]-() }}) AS rest
}
UNWIND (notable + rare + byAlias + byPart + rest)[0..toInteger($first)] AS x
WITH x.e AS e, x.rank AS rank, x.mentions AS mentions
RETURN e {.id, .name, .kind, .key, .aliases} AS entity, rank, mentions
