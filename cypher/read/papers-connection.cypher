// Filtered, sorted, paged papers. Every filter is a parameter that may be null; entity filters are
// normalised keys matched against the canonical key or any alias key. dateKey is "YYYY-MM-DD", with
// year 0000 for year-less labels ("Mar 17"); a bound with year 0000 compares month and day only.
CALL () {
  WITH $query AS q
  WHERE q IS NOT NULL
  CALL db.index.fulltext.queryNodes('paper_text', q) YIELD node, score
  RETURN node AS p, score
  UNION ALL
  WITH $query AS q
  WHERE q IS NULL
  MATCH (p:Paper)
  RETURN p, null AS score
}
WITH p, score
WHERE NOT coalesce(p.stub, false)
  AND ($technique IS NULL
       OR EXISTS { MATCH (p)-[:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e:Technique) WHERE e.key = $technique OR $technique IN e.aliasKeys }
       OR EXISTS { MATCH (e:Technique)-[:BUILDS_ON {paper: p.id}]-(:Entity) WHERE e.key = $technique OR $technique IN e.aliasKeys })
  AND ($model IS NULL
       OR EXISTS { MATCH (p)-[:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e:Model) WHERE e.key = $model OR $model IN e.aliasKeys }
       OR EXISTS { MATCH (e:Model)-[:BUILDS_ON {paper: p.id}]-(:Entity) WHERE e.key = $model OR $model IN e.aliasKeys })
  AND ($dataset IS NULL
       OR EXISTS { MATCH (p)-[:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e:Dataset) WHERE e.key = $dataset OR $dataset IN e.aliasKeys })
  AND ($hardware IS NULL
       OR EXISTS { MATCH (p)-[:INTRODUCES|USES|COMPARES_TO|EVALUATED_ON]->(e:Hardware) WHERE e.key = $hardware OR $hardware IN e.aliasKeys })
WITH p, score, toLower(trim(coalesce(p.listingDate, ''))) AS d
WITH p, score, CASE
    WHEN d =~ '\\d{4}-\\d{2}-\\d{2}.*' THEN substring(d, 0, 10)
    WHEN d =~ '[a-z]{3}[a-z]*\\.? \\d{1,2}(, \\d{4})?' THEN
      (CASE WHEN d CONTAINS ',' THEN right(d, 4) ELSE '0000' END) + '-' +
      {jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12'}[substring(d, 0, 3)] + '-' +
      right('0' + split(split(replace(d, '.', ''), ' ')[1], ',')[0], 2)
  END AS dateKey
WHERE ($from IS NULL OR (dateKey IS NOT NULL AND CASE WHEN $from STARTS WITH '0000' THEN substring(dateKey, 5) >= substring($from, 5) ELSE dateKey >= $from END))
  AND ($to IS NULL OR (dateKey IS NOT NULL AND CASE WHEN $to STARTS WITH '0000' THEN substring(dateKey, 5) <= substring($to, 5) ELSE dateKey <= $to END))
WITH p, score, dateKey
ORDER BY
  CASE WHEN $order = 'RELEVANCE' THEN coalesce(score, 0.0) END DESC,
  CASE WHEN $order = 'TITLE' THEN toLower(p.title) END,
  CASE WHEN $order = 'LISTING_DATE_DESC' THEN coalesce(dateKey, '') END DESC,
  CASE WHEN $order = 'LISTING_DATE_ASC' THEN coalesce(dateKey, '9999') END,
  p.sourceFile, p.sourceLine, p.title
WITH collect({paper: p {.id, .title, .abstract, .listingDate, .sourceFile, .sourceLine}, score: score}) AS rows
RETURN size(rows) AS total, rows[toInteger($skip)..toInteger($skip) + toInteger($limit) + 1] AS page
