// Every paper, entity and topic for `techtree export`, with the properties worth exporting.
MATCH (n)
WHERE n:Paper OR n:Entity OR n:Topic
RETURN n.id AS id,
       CASE WHEN n:Paper THEN 'Paper' WHEN n:Topic THEN 'Topic' ELSE n.kind END AS kind,
       coalesce(n.name, n.title, n.id) AS label,
       n {.title, .abstract, .listingDate, .stub, .name, .aliases, .topic, .size, .entities, .terms} AS props
ORDER BY kind, id
