// Topic detection input (src/topics): every real paper's text.
MATCH (p:Paper)
WHERE NOT coalesce(p.stub, false)
RETURN p.id AS id, p.title AS title, coalesce(p.abstract, '') AS abstract
ORDER BY id
