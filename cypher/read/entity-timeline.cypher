// Papers mentioning each entity per listing day, oldest first; the day is the indexed listedOn, and
// date is the listing date as the papers carry it ("Mar 17", 2024-03-17).
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (p:Paper)-[:MENTIONS]->(e)
  WHERE p.listedOn IS NOT NULL
  WITH p.listedOn AS day, min(p.listingDate) AS date, count(p) AS papers
  ORDER BY day
  RETURN collect({date: date, papers: papers}) AS points
}
RETURN id, points
