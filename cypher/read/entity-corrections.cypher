// The corrections (src/curation) made or undone at or after $since that touch each followed entity
// ($ids), or, for a followed name that finds no entity ($keys), an entity of that key (a rejection or
// an undone addition can take an entity's last fact, and the entity, out of the graph): the newest
// $first by their latest moment (total counts them all), each row named by the entity id or the key,
// each correction with its paper's brief when it names one (a fact correction). What src/follow/corrections.ts makes news of for the
// feeds (readFollowed); read/changes holds the same for the changes field and the digest.
// The period's corrections come from two index ranges (curation_at, curation_undone_at; both are
// ISO 8601 strings, as is $since), so the read costs the period's corrections, not all of them.
// Confirmations change nothing a follower reads and are left out. The entities a correction
// touches: those its fact id names (one for a paper's fact, two for a builds-on edge), the entity
// it acted on, and a merge's or kind change's from and into. With $variants a followed entity's sizes
// count as it (VARIANT_OF, at most 3 hops, as read/entity-changes): a fact rejected on Llama-2-7B is
// news for who follows Llama 2, as a new paper on it is. A size a correction took out of the graph
// has no VARIANT_OF edge left, so its corrections reach only who follows its own name.
CALL () {
  MATCH (c:Curation) WHERE c.at >= $since RETURN c
  UNION
  MATCH (c:Curation) WHERE c.undoneAt >= $since RETURN c
}
WITH c WHERE c.action <> 'confirm'
WITH c, [x IN split(coalesce(c.factId, ''), '|') WHERE x CONTAINS ':'] + [x IN [c.entity, c.from, c.into] WHERE x IS NOT NULL] AS touched
UNWIND [id IN $ids WHERE id IN touched OR ($variants AND any(t IN touched WHERE EXISTS { (:Entity {id: t})-[:VARIANT_OF*1..3]->(:Entity {id: id}) }))]
       + [key IN $keys WHERE any(t IN touched WHERE split(t, ':')[1] = key)] AS id
WITH id, c ORDER BY coalesce(c.undoneAt, c.at) DESC, c.id DESC
WITH id, collect(c) AS cs
UNWIND cs[0..toInteger($first)] AS c
OPTIONAL MATCH (p:Paper {id: c.paper})
RETURN id, size(cs) AS total,
       collect({curation: c {.*}, paper: p {.id, .title, .listingDate, .sourceFile, .sourceLine, .addedAt}}) AS corrections
