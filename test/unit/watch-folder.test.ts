// Which files of a watched folder are ready: stable for settleMs, not handled already, never
// the names that say a file is unfinished.
import { FolderTracker, isUnfinishedName } from "../../src/watch/folder";
import { parseSince } from "../../src/follow/changes";
import { hashFile, watchFolder } from "../../src/watch/watch";
import type { IngestReport } from "../../src/ingest/report";

const file = (name: string, size: number, mtimeMs: number) => ({ name, size, mtimeMs });

test.each([
  [".hidden.txt", true], ["page.txt~", true], ["page.txt.part", true], ["page.tmp", true], ["dl.crdownload", true],
  [".page.txt.swp", true], ["page.PARTIAL", true], ["page.txt", false], ["export.jsonl", false], ["2026-12-05.txt", false],
])("isUnfinishedName(%p) = %p", (name, expected) => {
  expect(isUnfinishedName(name)).toBe(expected);
});

test("a file still growing is not ready; once quiet for settleMs it is, once", () => {
  const t = new FolderTracker(1000);
  // Written just now: not ready at first sight.
  expect(t.scan([file("a.txt", 10, 5_000)], 5_000)).toEqual([]);
  // Grew: the quiet period starts again.
  expect(t.scan([file("a.txt", 20, 5_600)], 5_600)).toEqual([]);
  expect(t.scan([file("a.txt", 20, 5_600)], 6_500)).toEqual([]);
  const ready = t.scan([file("a.txt", 20, 5_600)], 6_700);
  expect(ready).toEqual([file("a.txt", 20, 5_600)]);
  t.handled(ready[0]!);
  expect(t.scan([file("a.txt", 20, 5_600)], 60_000)).toEqual([]);
  // Changed later: ready again after its own quiet period.
  expect(t.scan([file("a.txt", 30, 61_000)], 61_000)).toEqual([]);
  expect(t.scan([file("a.txt", 30, 61_000)], 62_100)).toEqual([file("a.txt", 30, 61_000)]);
});

test("files already quiet when first seen are ready at once, oldest first; removed files are forgotten", () => {
  const t = new FolderTracker(2000);
  const now = 100_000;
  expect(t.scan([file("b.txt", 5, 50_000), file("a.txt", 5, 60_000), file("c.txt", 5, 99_500)], now).map((f) => f.name)).toEqual(["b.txt", "a.txt"]);
  expect(t.scan([file("c.txt", 5, 99_500)], now + 2_000).map((f) => f.name)).toEqual(["c.txt"]);
  expect(t.isHandled(file("a.txt", 5, 60_000))).toBe(false);
});

test.each([
  ["7d", "2026-11-28T12:00:00.000Z"],
  ["12h", "2026-12-05T00:00:00.000Z"],
  ["30m", "2026-12-05T11:30:00.000Z"],
  ["2w", "2026-11-21T12:00:00.000Z"],
  ["2026-12-01", "2026-12-01T00:00:00.000Z"],
  ["2026-12-01T09:30:00+02:00", "2026-12-01T07:30:00.000Z"],
])("parseSince(%p) = %p", (text, iso) => {
  expect(parseSince(text, new Date("2026-12-05T12:00:00Z"))?.toISOString()).toBe(iso);
});

test.each(["yesterday", "7", "7y", "2026-13-45", "2026-02-30", "2026-02-30T09:00:00Z", ""])("parseSince(%p) is null", (text) => {
  expect(parseSince(text, new Date("2026-12-05T12:00:00Z"))).toBeNull();
});

describe("a watched folder that disappears", () => {
  const fs = require("node:fs") as typeof import("node:fs");
  const os = require("node:os") as typeof import("node:os");
  const path = require("node:path") as typeof import("node:path");
  // What an ingest that read the whole file reports (the watch compares the hash it read with its own).
  const report = async (file: string) => ({ rejected: 0, failed: 0, interrupted: false, messages: [], inputs: [{ file, sha256: await hashFile(file) }] }) as unknown as IngestReport;
  let root: string;
  beforeEach(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-watch-gone-")); });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const until = async (what: () => boolean, ms = 5_000) => {
    for (let i = 0; i < ms / 25 && !what(); i++) await new Promise((r) => setTimeout(r, 25));
    expect(what()).toBe(true);
  };

  test("is waited for, and the files of the folder that comes back are ingested", async () => {
    const dir = path.join(root, "incoming");
    fs.mkdirSync(dir);
    const lines: string[] = [];
    const ingested: string[] = [];
    const stop = new AbortController();
    const watching = watchFolder({
      dir, settleMs: 0, pollMs: 20, signal: stop.signal, log: (l) => lines.push(l), extractorVersion: "test",
      known: async () => new Map(),
      ingest: async (file) => { ingested.push(path.basename(file)); return report(file); },
    });
    await until(() => lines.some((l) => l.startsWith("watch: watching")));
    fs.rmSync(dir, { recursive: true });
    await until(() => lines.includes(`watch: the folder ${dir} is gone (removed, renamed or unmounted); waiting for it to come back`));
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "page.txt"), "A title\n\nAn abstract.\n");
    await until(() => ingested.includes("page.txt"));
    expect(lines).toContain(`watch: the folder ${dir} is back; watching it again`);
    stop.abort();
    await expect(watching).resolves.toMatchObject({ ingested: 1, failedAttempts: 0 });
  });

  test("a lost Neo4j is named once and waited for; files that arrive meanwhile are ingested once it answers again, which is said", async () => {
    const dir = path.join(root, "incoming");
    fs.mkdirSync(dir);
    const lines: string[] = [];
    const ingested: string[] = [];
    const stop = new AbortController();
    let lost: string | null = "the Neo4j at bolt://db:7687 does not answer (connection refused)";
    let checks = 0;
    const watching = watchFolder({
      dir, settleMs: 0, pollMs: 20, signal: stop.signal, log: (l) => lines.push(l), extractorVersion: "test",
      known: async () => new Map(),
      ingest: async (file) => { ingested.push(path.basename(file)); return report(file); },
      neo4j: { name: "the Neo4j at bolt://db:7687", check: async () => { checks++; return lost === null ? null : { why: lost, which: lost }; } },
    });
    // A failed expectation stops the watch too (finally), so the run ends.
    try {
      await until(() => lines.some((l) => l.startsWith("watch: Neo4j lost")));
      fs.writeFileSync(path.join(dir, "page.txt"), "A title\n\nAn abstract.\n");
      // Said once, however many polls it is waited for; the file waits with it.
      const seen = checks;
      await until(() => checks >= seen + 5);
      expect(ingested).toEqual([]);
      expect(lines.filter((l) => l.includes("Neo4j"))).toEqual([
        "watch: Neo4j lost: the Neo4j at bolt://db:7687 does not answer (connection refused). Waiting for it to answer again (files that arrive meanwhile are read once it does; Ctrl-C to stop)",
      ]);
      lost = null;
      await until(() => ingested.includes("page.txt"));
      expect(lines.slice(1)).toEqual([
        "watch: Neo4j lost: the Neo4j at bolt://db:7687 does not answer (connection refused). Waiting for it to answer again (files that arrive meanwhile are read once it does; Ctrl-C to stop)",
        "watch: the Neo4j at bolt://db:7687 answers again; watching on",
        "watch: page.txt: ingesting (22 bytes)",
      ]);
    } finally {
      stop.abort();
    }
    await expect(watching).resolves.toMatchObject({ ingested: 1, failedAttempts: 0 });
  });

  test("each loss of Neo4j and each return is said once per episode: lost, back, lost again, back again", async () => {
    const dir = path.join(root, "incoming");
    fs.mkdirSync(dir);
    const lines: string[] = [];
    const stop = new AbortController();
    const down = "the Neo4j at bolt://db:7687 does not answer (connection refused)";
    let lost: string | null = null;
    let checks = 0;
    const watching = watchFolder({
      dir, settleMs: 0, pollMs: 20, signal: stop.signal, log: (l) => lines.push(l), extractorVersion: "test",
      known: async () => new Map(), ingest: report,
      neo4j: { name: "the Neo4j at bolt://db:7687", check: async () => { checks++; return lost === null ? null : { why: lost, which: lost }; } },
    });
    const said = () => lines.filter((l) => l.includes("Neo4j"));
    const saidLost = `watch: Neo4j lost: ${down}. Waiting for it to answer again (files that arrive meanwhile are read once it does; Ctrl-C to stop)`;
    const saidBack = "watch: the Neo4j at bolt://db:7687 answers again; watching on";
    try {
      await until(() => checks >= 1);
      for (let episode = 1; episode <= 2; episode++) {
        lost = down;
        // An idle watch looks at its Neo4j every few seconds: each loss is noticed, however late.
        await until(() => said().length === 2 * episode - 1, 15_000);
        const seen = checks;
        await until(() => checks >= seen + 5);
        lost = null;
        await until(() => said().length === 2 * episode, 15_000);
      }
      expect(said()).toEqual([saidLost, saidBack, saidLost, saidBack]);
    } finally {
      stop.abort();
    }
    await watching;
  }, 60_000);

  test("a loss whose server changes while it is waited for (started again on another bolt port, or stopped again) says so, once each", async () => {
    const dir = path.join(root, "incoming");
    fs.mkdirSync(dir);
    const lines: string[] = [];
    const stop = new AbortController();
    const stopped = "the managed Neo4j of TECHTREE_HOME=/h (bolt://127.0.0.1:7713, pid 11) has stopped; see /h/neo4j/logs";
    const elsewhere = "the managed Neo4j of TECHTREE_HOME=/h runs again (pid 12), started by another process on bolt://127.0.0.1:7799, not on bolt://127.0.0.1:7713 where this process connects; run this command again to use it";
    const stoppedAgain = "the managed Neo4j of TECHTREE_HOME=/h (bolt://127.0.0.1:7713, pid 12) has stopped; see /h/neo4j/logs";
    let lost: string | null = stopped;
    let checks = 0;
    const watching = watchFolder({
      dir, settleMs: 0, pollMs: 20, signal: stop.signal, log: (l) => lines.push(l), extractorVersion: "test",
      known: async () => new Map(), ingest: report,
      neo4j: { name: "the Neo4j at bolt://127.0.0.1:7713", check: async () => { checks++; return lost === null ? null : { why: lost, which: lost }; } },
    });
    const said = () => lines.filter((l) => l.includes("Neo4j"));
    try {
      await until(() => said().length === 1);
      let seen = checks;
      await until(() => checks >= seen + 5);
      // Another process started it again, on its own port: this watch will never reach it, and says so.
      lost = elsewhere;
      await until(() => said().length === 2);
      seen = checks;
      await until(() => checks >= seen + 5);
      // That one stopped too: another loss, of another server.
      lost = stoppedAgain;
      await until(() => said().length === 3);
      seen = checks;
      await until(() => checks >= seen + 5);
      lost = null;
      await until(() => said().length === 4);
      const waiting = ". Waiting for it to answer again (files that arrive meanwhile are read once it does; Ctrl-C to stop)";
      expect(said()).toEqual([
        `watch: Neo4j lost: ${stopped}${waiting}`,
        `watch: Neo4j lost: ${elsewhere}${waiting}`,
        `watch: Neo4j lost: ${stoppedAgain}${waiting}`,
        "watch: the Neo4j at bolt://127.0.0.1:7713 answers again; watching on",
      ]);
    } finally {
      stop.abort();
    }
    await watching;
  }, 60_000);

  test("with --once, stops with an error that says the folder is gone", async () => {
    const dir = path.join(root, "incoming");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "page.txt"), "A title\n\nAn abstract.\n");
    const lines: string[] = [];
    // The file is still settling when its folder goes away.
    const watching = watchFolder({
      dir, settleMs: 60_000, pollMs: 20, once: true, signal: new AbortController().signal, log: (l) => lines.push(l), extractorVersion: "test",
      known: async () => new Map(),
      ingest: report,
    });
    await until(() => lines.some((l) => l.startsWith("watch: watching")));
    fs.rmSync(dir, { recursive: true });
    await expect(watching).rejects.toThrow(`watch: the folder ${dir} is gone (removed, renamed or unmounted)`);
  });
});
