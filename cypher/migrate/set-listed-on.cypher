// Sets the listing day computed in TypeScript (src/domain/dates.ts listingDay) on older papers.
UNWIND $rows AS row
MATCH (p:Paper {id: row.id})
SET p.listedOn = date(row.day)
