// Date filters, date sorting and trending windows are range scans on the listing day (a Neo4j date).
CREATE INDEX paper_listed_on IF NOT EXISTS FOR (p:Paper) ON (p.listedOn)
