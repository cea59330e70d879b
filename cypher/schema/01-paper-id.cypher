// Papers are keyed by a hash of their normalised title (src/domain/keys.ts paperId).
CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (p:Paper) REQUIRE p.id IS UNIQUE
