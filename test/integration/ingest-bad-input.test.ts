// Bad input never corrupts the graph: each problem is a warning with file and line, the rest is
// ingested, --strict fails before anything is written, and the exit code says all / some / none.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Db } from "../../src/graph/db";
import { EXIT, exitCode, ingestFiles } from "../../src/ingest/ingest";
import { testDb, wipe } from "../helpers/neo4j";

let db: Db;
let dir: string;
const file = (name: string, content: string | Buffer) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
};
const rec = (id: string, title: string, abstract: string | null) =>
  JSON.stringify({ id, title, ...(abstract === null ? {} : { abstract }), authors: "A. Person", categories: "cs.LG", update_date: "2024-01-01" });
const ABSTRACT = "We propose FooNet, which builds on FlashAttention and runs on A100 GPUs.";

async function count(cypher: string): Promise<number> {
  const rows = await db.readTx(async (tx) => (await tx.run(cypher)).records);
  return Number(rows[0]!.get(0));
}

let files: Record<string, string>;

beforeAll(async () => {
  db = testDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-bad-"));
  files = {
    empty: file("empty.txt", ""),
    binary: file("binary.bin", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0, 0xff])),
    jsonl: file("mixed.jsonl", [
      rec("1", "Good Paper One", ABSTRACT),
      rec("2", "Truncated Paper", ABSTRACT).slice(0, 40),
      rec("3", "No Abstract Paper", null),
      rec("4", "Entities &amp; Control\u0007 Paper", "We propose BarNet &ndash; it uses\u0001 LoRA on H100 GPUs."),
      rec("1", "Good Paper One", ABSTRACT),
      "",
    ].join("\n")),
    huge: file("huge.jsonl", Buffer.concat([
      Buffer.from(rec("5", "Before The Huge Line", ABSTRACT) + "\n"),
      Buffer.from(`{"id":"6","title":"Huge","abstract":"${"x".repeat(50 * 1024 * 1024)}"}\n`),
      Buffer.from(rec("7", "After The Huge Line", ABSTRACT) + "\n"),
    ])),
    // A pretty-printed export with one huge record: records 1 and 3 are read, record 2 (lines 10-17) is skipped at its huge line (13).
    hugePretty: file("huge-pretty.json", JSON.stringify([
      JSON.parse(rec("11", "Before The Huge Record", ABSTRACT)),
      JSON.parse(rec("12", "The Huge Record", "x".repeat(50 * 1024 * 1024))),
      JSON.parse(rec("13", "After The Huge Record", ABSTRACT)),
    ], null, 2)),
    utf8: file("utf8.jsonl", Buffer.concat([
      Buffer.from('{"id":"8","title":"Invalid UTF-8 Paper ', "utf8"), Buffer.from([0xc3, 0x28]),
      Buffer.from(`","abstract":"${ABSTRACT}","categories":"cs.LG","update_date":"2024-01-01"}\n`),
    ])),
    dupe: file("dupe.jsonl", rec("9", "Good Paper One", ABSTRACT) + "\n"),
    long: file("long.jsonl", rec("10", "A Whole Paper Pasted As Its Abstract", `${ABSTRACT} ${"The results hold across settings. ".repeat(3000)}`) + "\n"),
  };
});

afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("--strict: every problem reported, nothing written, exit code 'none'", async () => {
  await wipe(db);
  const report = await ingestFiles(db, Object.values(files), { strict: true });
  expect(report.strictFailed).toBe(true);
  expect(report.messages.length).toBeGreaterThanOrEqual(7);
  expect(exitCode(report)).toBe(EXIT.none);
  expect(await count("MATCH (n) RETURN count(n)")).toBe(0);
});

test("each bad input gets a warning with file and line; the good papers are ingested; exit code 'some'", async () => {
  await wipe(db);
  const report = await ingestFiles(db, Object.values(files));
  const at = (f: string, line: number) => report.messages.filter((m) => m.file === f && m.line === line).map((m) => m.message).join(" / ");
  expect(at(files.empty!, 0)).toMatch(/empty file/);
  expect(at(files.binary!, 0)).toMatch(/binary file/);
  expect(at(files.jsonl!, 2)).toMatch(/not valid JSON.*truncated/);
  expect(at(files.jsonl!, 3)).toMatch(/"No Abstract Paper" has no abstract/);
  expect(at(files.jsonl!, 4)).toMatch(/control characters removed/);
  expect(at(files.jsonl!, 5)).toMatch(/"Good Paper One" duplicates the paper at .*mixed\.jsonl:1 \(the same title or id\)/);
  expect(at(files.huge!, 2)).toMatch(/^line is 52,428,8\d\d bytes, over the limit of 8,388,608 bytes \(8 MiB\) for one line; skipped$/);
  expect(report.messages.filter((m) => m.file === files.hugePretty).map((m) => `${m.line}: ${m.message}`)).toEqual([
    "13: record 2 (from line 10): skipped for its size: this line is 52,428,819 bytes, over the limit of 8,388,608 bytes (8 MiB) for one line",
  ]);
  expect(at(files.utf8!, 1)).toMatch(/invalid UTF-8/);
  expect(at(files.dupe!, 1)).toMatch(/"Good Paper One" duplicates the paper at .*mixed\.jsonl:1 \(the same title or id\)/);
  expect(at(files.long!, 1)).toMatch(/the abstract is 102,\d{3} characters; facts come from its first 20,000/);
  // Good One, Entities & Control, Before, After, Before/After The Huge Record, Invalid UTF-8 (repaired), the long one (read in part).
  expect(report.created).toBe(8);
  expect(report.skipped).toBe(2);
  expect(exitCode(report)).toBe(EXIT.some);
  const titles = await db.readTx(async (tx) => (await tx.run("MATCH (p:Paper) RETURN p.title AS t, p.abstract AS a ORDER BY t")).records.map((r) => [r.get("t"), r.get("a")]));
  expect(titles.map(([t]) => t)).toEqual(["A Whole Paper Pasted As Its Abstract", "After The Huge Line", "After The Huge Record", "Before The Huge Line", "Before The Huge Record", "Entities & Control Paper", "Good Paper One", "Invalid UTF-8 Paper \uFFFD("]);
  expect(titles.find(([t]) => t === "Entities & Control Paper")![1]).toBe("We propose BarNet – it uses LoRA on H100 GPUs.");
  // Re-running the same bad input is a no-op on the graph.
  const again = await ingestFiles(db, Object.values(files));
  expect(again.unchanged).toBe(8);
  expect(again.created + again.updated).toBe(0);
});

test("exit codes: all when nothing is rejected, none for empty input", async () => {
  const good = file("good.jsonl", rec("10", "Good Paper One", ABSTRACT) + "\n");
  expect(exitCode(await ingestFiles(db, [good]))).toBe(EXIT.all);
  expect(exitCode(await ingestFiles(db, [files.empty!]))).toBe(EXIT.none);
});

test("a feed entry without its end tag is reported at its line and skipped; the entry after it keeps its own title", async () => {
  await wipe(db);
  const item = (id: string, title: string) => `<item><title>${title}</title><link>https://arxiv.org/abs/${id}</link><description>arXiv:${id}v1 Announce Type: new Abstract: ${ABSTRACT}</description></item>`;
  const feed = file("unclosed.rss", [
    '<?xml version="1.0"?>', '<rss version="2.0"><channel><title>cs.LG</title>',
    item("2401.00001", "First Whole Entry"),
    "<item><title>An Entry Cut Short</title>",
    item("2401.00003", "Third Whole Entry"),
    "</channel></rss>", "",
  ].join("\n"));
  const report = await ingestFiles(db, [feed]);
  expect(report.messages.map((m) => `${m.line}: ${m.message}`)).toEqual(["4: the feed entry that starts here has no </item> before the next entry (line 5); skipped"]);
  const papers = await db.readTx(async (tx) => (await tx.run("MATCH (p:Paper) RETURN p.arxivId AS id, p.title AS t ORDER BY id")).records.map((r) => [r.get("id"), r.get("t")]));
  expect(papers).toEqual([["2401.00001", "First Whole Entry"], ["2401.00003", "Third Whole Entry"]]);
  expect(exitCode(report)).toBe(EXIT.some);
});

test("a page cut off mid-abstract is flagged and its paper written as it is; ingesting the whole page completes it", async () => {
  await wipe(db);
  const whole = "Mar 17\n\nFirst Whole Paper\n\nWe propose FooNet, which builds on FlashAttention.\n\nA Paper Cut Short\n\nWe propose BarNet, which builds on LoRA and runs on H100 GPUs with 2x less memory.\n";
  const page = file("cut.txt", whole.slice(0, whole.indexOf(" and runs on")));
  const cut = await ingestFiles(db, [page]);
  expect(cut.messages.map((m) => `${m.line}: ${m.message}`)).toEqual([
    '9: paper "A Paper Cut Short" (line 7): its abstract stops mid-sentence at the end of the file ("...We propose BarNet, which builds on LoRA"), as a download cut short does; written as it is, and ingesting the whole page again completes it',
  ]);
  expect(cut.created).toBe(2);
  const abstract = async () => db.readTx(async (tx) => (await tx.run("MATCH (p:Paper {title: 'A Paper Cut Short'}) RETURN p.abstract AS a")).records[0]!.get("a"));
  expect(await abstract()).toBe("We propose BarNet, which builds on LoRA");
  fs.writeFileSync(page, whole);
  const again = await ingestFiles(db, [page]);
  expect(again.messages).toEqual([]);
  expect([again.unchanged, again.updated, again.created]).toEqual([1, 1, 0]);
  expect(await abstract()).toBe("We propose BarNet, which builds on LoRA and runs on H100 GPUs with 2x less memory.");
  expect(await count("MATCH (:Paper {title: 'A Paper Cut Short'})-[:EVALUATED_ON]->(h:Hardware) RETURN count(h)")).toBe(1);
});
