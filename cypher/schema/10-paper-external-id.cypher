// References that carry only an upstream id ("openalex:W123") find their paper through this index.
CREATE INDEX paper_external_id IF NOT EXISTS FOR (p:Paper) ON (p.externalId)
