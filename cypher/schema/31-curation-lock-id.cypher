// Corrections take the write lock of one (:CurationLock) node (mutation/curation-lock), MERGEd by id:
// without this constraint two corrections on a new database could each create one and not wait.
CREATE CONSTRAINT curation_lock_id IF NOT EXISTS FOR (l:CurationLock) REQUIRE l.id IS UNIQUE
