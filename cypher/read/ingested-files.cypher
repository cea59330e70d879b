// For each of $files, the newest complete ingest run that read it: its content hash and extractor
// version (for `techtree watch`, which skips a file whose content and extractor are unchanged).
UNWIND $files AS file
CALL (file) {
  MATCH (i:Ingest)
  WHERE i.complete AND file IN i.files
  WITH i ORDER BY i.finishedAt DESC LIMIT 1
  RETURN i
}
WITH file, i, [k IN range(0, size(i.files) - 1) WHERE i.files[k] = file][0] AS at
RETURN file, i.fileHashes[at] AS hash, i.extractorVersion AS extractorVersion, i.finishedAt AS finishedAt
