// Db.writeTx on the real Neo4j: two transactions made to deadlock (each holds the node the other
// wants next) both end committed, the victim retried with a log line; with a single attempt allowed
// the victim fails with TransientWriteError and nothing of it lands. Concurrent applySchema calls on a
// schema-less database all succeed (the race the LABEL-lock deadlock came from).
import type { Db, Tx } from "../../src/graph/db";
import { TransientWriteError } from "../../src/graph/errors";
import { schemaStatements } from "../../src/graph/statements";
import { dropSchema, testDb } from "../helpers/neo4j";

let db: Db;
const logs: string[] = [];

beforeAll(async () => {
  db = testDb({ log: (l) => logs.push(l) });
  await db.writeTx(async (tx) => { await tx.run("UNWIND ['a', 'b'] AS id MERGE (n:RetryProbe {id: id}) SET n.commits = 0"); });
});

afterAll(async () => {
  await db.writeTx(async (tx) => { await tx.run("MATCH (n:RetryProbe) DELETE n"); });
  await db.applySchema();
  await db.close();
});

function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** A and B each lock one node, wait until the other holds its own, then ask for the other's: a deadlock every time. */
function deadlockPair(on: Db) {
  const aHolds = gate(), bHolds = gate();
  const attempts = { A: 0, B: 0 };
  const bump = (tx: Tx, id: string) => tx.run("MATCH (n:RetryProbe {id: $id}) SET n.commits = n.commits + 1", { id });
  const run = (name: "A" | "B", first: string, second: string, mine: ReturnType<typeof gate>, theirs: ReturnType<typeof gate>) =>
    on.writeTx(async (tx) => {
      attempts[name]++;
      await bump(tx, first);
      mine.open();
      await theirs.opened;
      await bump(tx, second);
      return name;
    }, { label: `probe ${name}` });
  return { settled: Promise.allSettled([run("A", "a", "b", aHolds, bHolds), run("B", "b", "a", bHolds, aHolds)]), attempts };
}

async function commits(): Promise<Record<string, number>> {
  const rows = await db.readTx(async (tx) => (await tx.run("MATCH (n:RetryProbe) RETURN n.id AS id, n.commits AS c")).records);
  return Object.fromEntries(rows.map((r) => [r.get("id"), Number(r.get("c"))]));
}

test("a deadlock victim is rolled back, logged and retried; both transactions commit once", async () => {
  const before = await commits();
  logs.length = 0;
  const { settled, attempts } = deadlockPair(db);
  expect((await settled).map((s) => s.status === "fulfilled" && s.value)).toEqual(["A", "B"]);
  expect(attempts.A + attempts.B).toBeGreaterThanOrEqual(3);
  expect(logs).toContainEqual(expect.stringMatching(/^neo4j: probe [AB]: DeadlockDetected on attempt 1 of 10, retrying in \d+ ms$/));
  // Each transaction bumped each node once: the rolled-back attempt left nothing behind.
  expect(await commits()).toEqual({ a: before.a! + 2, b: before.b! + 2 });
});

test("when the attempts run out the victim fails with TransientWriteError and nothing of it lands", async () => {
  const once = testDb({ writeRetry: { maxAttempts: 1 }, log: () => {} });
  try {
    const before = await commits();
    const { settled } = deadlockPair(once);
    const results = await settled;
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as unknown);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const err of failed) {
      expect(err).toBeInstanceOf(TransientWriteError);
      expect(err).toMatchObject({ code: "Neo.TransientError.Transaction.DeadlockDetected", attempts: 1 });
      expect((err as Error).message).toMatch(/^Neo4j still answered DeadlockDetected after 1 attempt\(s\) in \d+\.\ds/);
    }
    const landed = results.length - failed.length;
    expect(await commits()).toEqual({ a: before.a! + landed, b: before.b! + landed });
  } finally {
    await once.close();
  }
});

test("four Db instances (one per process) apply the schema at once on a schema-less database: all succeed, all online", async () => {
  await dropSchema(db);
  const creators = [1, 2, 3, 4].map(() => testDb({ log: (l) => logs.push(l) }));
  try {
    await Promise.all(creators.map((c) => c.applySchema()));
    expect(creators[0]!.applySchema()).toBe(creators[0]!.applySchema()); // once per Db: the same promise
  } finally {
    await Promise.all(creators.map((c) => c.close()));
  }
  const rows = await db.read<{ name: string; state: string }>("read/schema-objects");
  const state = new Map(rows.map((r) => [r.name, r.state]));
  for (const s of schemaStatements()) expect([s.object, state.get(s.object)]).toEqual([s.object, "ONLINE"]);
});
