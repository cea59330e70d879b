// What `techtree ingest` prints about its progress: a bar on a terminal, a line every interval in a log.
import { Progress } from "../../src/ingest/progress";
import { emptyReport, summarize } from "../../src/ingest/ingest";

function sink(isTTY: boolean) {
  const lines: string[] = [];
  return { lines, out: { isTTY, write: (s: string) => lines.push(s) } };
}

test("a short run into a log prints one line, at the end, without an ETA", () => {
  const { lines, out } = sink(false);
  const p = new Progress(1000, out);
  p.update({ papers: 2, written: 0, bytes: 400 });
  p.done({ papers: 2, written: 2, bytes: 1000 });
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^ingest: 100% {2}2 read, 2 done {2}\d+ papers\/s\n$/);
});

test("a long run into a log prints a line per interval with its ETA, and the end once", () => {
  const { lines, out } = sink(false);
  const p = new Progress(1000, out, 0);
  p.update({ papers: 5, written: 4, bytes: 500 });
  expect(lines).toEqual([expect.stringMatching(/^ingest: 50% {2}5 read, 4 done {2}\d+ papers\/s {2}ETA \d+:\d\d\n$/)]);
  p.update({ papers: 10, written: 10, bytes: 1000 });
  p.done({ papers: 10, written: 10, bytes: 1000 });
  expect(lines).toHaveLength(2);
});

test("a terminal gets a bar redrawn in place and a newline at the end", () => {
  const { lines, out } = sink(true);
  const p = new Progress(1000, out);
  p.update({ papers: 1, written: 0, bytes: 250 });
  p.done({ papers: 4, written: 4, bytes: 1000 });
  expect(lines[0]).toMatch(/^\r\[#{6}\.{18}\] 25% {2}1 read, 0 done/);
  expect(lines.at(-2)).toMatch(/^\r\[#{24}\] 100% {2}4 read, 4 done {2}\d+ papers\/s\x1b\[K$/);
  expect(lines.at(-1)).toBe("\n");
});

test("a slow or small run shows its rate with a decimal, not as 0 papers/s", () => {
  const { out } = sink(false);
  const p = new Progress(1000, out);
  expect(p.describe({ papers: 1, written: 1, bytes: 1000 }, Date.now() + 5_000)).toMatch(/ 0\.2 papers\/s$/);
  expect(p.describe({ papers: 400, written: 400, bytes: 1000 }, Date.now() + 4_000)).toMatch(/ 100 papers\/s$/);
  const report = { ...emptyReport(), papersRead: 1, created: 1, durationMs: 3_600 };
  expect(summarize(report).split("\n")[0]).toBe("papers read 1: 1 new, 0 updated, 0 unchanged, 0 skipped (3.6s, 0.3 papers/s)");
});
