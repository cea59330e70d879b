// Papers placed into existing topics at ingest count towards their size.
UNWIND $rows AS row
MATCH (t:Topic {id: row.topic})
SET t.size = t.size + row.added
