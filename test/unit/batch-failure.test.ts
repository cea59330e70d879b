// The report side of a batch that concurrent writers kept conflicting with: its papers are reported
// by file and line range and the exit code is 3. Db.writeTx is replaced here by a stand-in that
// throws what the real one throws when its retries run out; the give-up itself runs on the real
// Neo4j in test/integration/write-retry.test.ts.
import type { Db } from "../../src/graph/db";
import { TransientWriteError } from "../../src/graph/errors";
import { emptyReport, exitCode, EXIT, summarize, writeInto } from "../../src/ingest/ingest";
import type { BatchItem } from "../../src/ingest/write/writer";

const DEADLOCK = "Neo.TransientError.Transaction.DeadlockDetected";
const giveUp = () => new TransientWriteError(DEADLOCK, 10, 21_400, new Error("ForsetiClient[...] can't acquire ExclusiveLock"));

function item(id: string, file: string, line: number): BatchItem {
  return { facts: { paper: { id, title: id, abstract: "A", listingDate: null, source: { file, line } }, facts: [], lineage: [], extractorVersion: "t" } };
}

/** A Db whose write transactions answer from `answers` in turn (a value, or an error to throw). */
function dbAnswering(...answers: unknown[]): Db {
  return { writeTx: async () => { const a = answers.shift(); if (a instanceof Error) throw a; return a; } } as unknown as Db;
}

test("a batch whose facts could not be written: its papers count as failed, one error per file with the line range", async () => {
  const report = emptyReport();
  report.created = 5; // an earlier batch of the run went through
  await writeInto(report, dbAnswering(giveUp()), [item("p1", "a.jsonl", 9), item("p2", "a.jsonl", 3), item("p3", "b.txt", 7)]);
  expect(report.failed).toBe(3);
  expect(report.messages).toEqual([
    { severity: "error", file: "a.jsonl", line: 3, message: expect.stringMatching(/^2 paper\(s\) on lines 3-9 were not written: Neo4j still answered DeadlockDetected after 10 attempt\(s\) in 21\.4s .*; run the same ingest again to complete them$/) },
    { severity: "error", file: "b.txt", line: 7, message: expect.stringMatching(/^1 paper\(s\) on line 7 were not written: /) },
  ]);
  expect(exitCode(report)).toBe(EXIT.some);
  expect(summarize(report)).toMatch(/3 not written \(see the errors; run again to write them\)/);
});

test("a batch whose facts landed but whose derived data did not: counted as written, reported, exit 3", async () => {
  const report = emptyReport();
  const written = { created: 2, updated: 0, unchanged: 0, entitiesRemoved: 0, entitiesCreated: 0, nodesCreated: 2, relationshipsCreated: 0, relationshipsDeleted: 0 };
  await writeInto(report, dbAnswering({ result: written, pending: ["p1", "p2"], entities: [] }, giveUp()), [item("p1", "a.jsonl", 1), item("p2", "a.jsonl", 2)]);
  expect(report).toMatchObject({ created: 2, failed: 0 });
  expect(report.messages).toEqual([
    { severity: "error", file: "a.jsonl", line: 1, message: expect.stringMatching(/^2 paper\(s\) on lines 1-2 were written, but what is derived from them \(inferred citations, Notable labels\) was not: /) },
  ]);
  expect(exitCode(report)).toBe(EXIT.some);
});

test("other write errors are not swallowed", async () => {
  await expect(writeInto(emptyReport(), dbAnswering(new Error("bug")), [item("p1", "a.jsonl", 1)])).rejects.toThrow("bug");
});
