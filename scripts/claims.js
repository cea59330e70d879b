#!/usr/bin/env node
// Every comparison the shipped extractor finds in the annotated abstracts (../shared/gold: seed and
// train), one JSON line each: paper title, entity, evidence sentence and claim (null when none).
// The claims have no gold; this is the dump that docs/extraction.md ("Claims") judged.
// Usage, after `npm run build`: node scripts/claims.js > claims.jsonl
"use strict";
const { loadExamples } = require("../dist/src/ingest/extract/train/data.js");
const { extractFacts } = require("../dist/src/ingest/extract/index.js");

for (const example of loadExamples()) {
  for (const fact of extractFacts(example.paper).facts) {
    if (fact.kind !== "compares_to") continue;
    const { title } = example.paper;
    process.stdout.write(JSON.stringify({ title, entity: fact.mention ?? fact.entity.name, sentence: fact.evidence.sentence, claim: fact.claim ?? null }) + "\n");
  }
}
