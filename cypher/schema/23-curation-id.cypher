// Corrections (src/curation) are found by id (undoCuration) and listed in id order (curations).
CREATE CONSTRAINT curation_id IF NOT EXISTS FOR (c:Curation) REQUIRE c.id IS UNIQUE
