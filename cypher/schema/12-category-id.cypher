// Categories are keyed by their code ("cs.CL") or field of study name.
CREATE CONSTRAINT category_id IF NOT EXISTS FOR (c:Category) REQUIRE c.id IS UNIQUE
