// The watch hashes a settled file, asks the graph whether that content was ingested, then ingests
// the file, which reads it again. A file that vanishes or is replaced in between must not be
// recorded as ingested with the hash of content that was never read: the same content dropped
// again later would be skipped as "unchanged" and never reach the graph. The watch runs here with
// the wiring `techtree watch` uses (read/ingested-files, ingestFiles recorded as a watch run) on a
// real Neo4j; the race is made certain by changing the file inside the ingest callback, after the
// hash and before the read.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Db } from "../../src/graph/db";
import { EXTRACTOR_VERSION } from "../../src/ingest/extract";
import { ingestFiles } from "../../src/ingest/ingest";
import { hashFile, watchFolder, type KnownFile, type WatchSummary } from "../../src/watch/watch";
import { testDb, wipe } from "../helpers/neo4j";

let db: Db;
let dir: string;

beforeAll(async () => {
  db = testDb();
  await wipe(db);
});
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-watch-race-")); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
afterAll(async () => { await db?.close(); });

const page = (title: string) => `Mar 17\n\n${title}\n\nWe propose ${title.split(" ")[0]}, a method that builds on LoRA and outperforms QLoRA.\n`;

async function titles(): Promise<string[]> {
  return db.readTx(async (tx) => (await tx.run("MATCH (p:Paper) RETURN p.title AS t ORDER BY t")).records.map((r) => r.get("t") as string));
}

async function until(what: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A watch over `dir` wired as `techtree watch` wires it; on the first file handed to the ingest,
 * `before` runs between the watch's hash and the ingest's read, and `after` once the ingest is done.
 */
function watch(before: (file: string) => void, after: (file: string) => void = () => {}) {
  const lines: string[] = [];
  const stop = new AbortController();
  let meddled = false;
  const running: Promise<WatchSummary> = watchFolder({
    dir, settleMs: 0, pollMs: 20, signal: stop.signal, log: (l) => lines.push(l), extractorVersion: EXTRACTOR_VERSION,
    known: async (files) => new Map((await db.read<{ file: string } & KnownFile>("read/ingested-files", { files })).map((r) => [r.file, r])),
    ingest: async (file) => {
      if (meddled) return ingestFiles(db, [file], { record: { source: "watch" } });
      meddled = true;
      before(file);
      const report = await ingestFiles(db, [file], { record: { source: "watch" } });
      after(file);
      return report;
    },
  });
  return { lines, stop: async () => { stop.abort(); return running; } };
}

test("a file removed between its hash and its read is not recorded as ingested; the same content dropped again is ingested", async () => {
  await wipe(db);
  const file = path.join(dir, "page.txt");
  fs.writeFileSync(file, page("Vanisher: A Paper Removed Before Its Read"));
  const w = watch((f) => fs.rmSync(f));
  let summary: WatchSummary;
  try {
    await until(() => w.lines.some((l) => /page\.txt: ingesting/.test(l)));
    await until(() => !fs.existsSync(file));
    await new Promise((r) => setTimeout(r, 500));
    expect(await titles()).toEqual([]);
    // Dropped again, the same bytes: they were never read, so they are read now.
    fs.writeFileSync(file, page("Vanisher: A Paper Removed Before Its Read"));
    await until(async () => (await titles()).length > 0 || w.lines.some((l) => /page\.txt: unchanged since its ingest/.test(l)), 20_000);
  } finally {
    summary = await w.stop();
  }
  expect(await titles()).toEqual(["Vanisher: A Paper Removed Before Its Read"]);
  expect(w.lines.filter((l) => /unchanged since its ingest/.test(l))).toEqual([]);
  expect(w.lines).toContainEqual(expect.stringMatching(/^watch: page\.txt: removed before it could be read \(cannot read: no such file \(ENOENT\)\); not ingested$/));
  expect(summary.ingested).toBe(1);
});

test("a file replaced between its hash and its read is recorded with the hash of what was read", async () => {
  await wipe(db);
  const file = path.join(dir, "page.txt");
  const first = page("Original: The Content The Watch Hashed");
  const second = page("Replacement: The Content The Ingest Read");
  fs.writeFileSync(file, first);
  // Replaced after the hash; the first content is dropped again right after the ingest: it was never read, so it must be.
  const w = watch((f) => fs.writeFileSync(f, second), (f) => fs.writeFileSync(f, first));
  try {
    await until(async () => (await titles()).includes("Original: The Content The Watch Hashed") || w.lines.some((l) => /page\.txt: unchanged since its ingest/.test(l)));
  } finally {
    await w.stop();
  }
  expect(await titles()).toEqual(["Original: The Content The Watch Hashed", "Replacement: The Content The Ingest Read"]);
  expect(w.lines).toContain("watch: page.txt: changed between its hash and its read; ingested what was read, and will look at it again");
  const [known] = await db.read<{ hash: string }>("read/ingested-files", { files: [file] });
  expect(known?.hash).toBe(await hashFile(file));
});
