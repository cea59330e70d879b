// Every Technique/Model/Dataset/Hardware node is also an :Entity with id "<kind>:<key>".
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE
