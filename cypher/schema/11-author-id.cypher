// Authors are keyed by "author:" + nameKey(name).
CREATE CONSTRAINT author_id IF NOT EXISTS FOR (a:Author) REQUIRE a.id IS UNIQUE
