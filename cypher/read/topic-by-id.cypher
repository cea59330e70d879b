UNWIND $ids AS id
MATCH (t:Topic {id: id})
RETURN t {.*} AS topic
