// What a list of papers shows (id, title, listing date), for evidence that names its paper: the
// explorer asks evidence { paper { id title } } for a hundred or more sentences, and the whole paper
// (abstract, source records, dates) is about twenty times the bytes to read, send and convert.
UNWIND $ids AS id
MATCH (p:Paper {id: id})
RETURN p {.id, .title, .listingDate} AS paper
