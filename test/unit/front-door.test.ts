// The one ingest path: `techtree extract` reads through the same reader and de-duplication as
// `techtree ingest` (same warnings, same papers), and every input is opened exactly once, --strict too.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { execFileSync, spawnSync } from "node:child_process";
import type { Db } from "../../src/graph/db";
import { emptyReport, extractInputs, ingest, readPapers } from "../../src/ingest/ingest";

const CLI = path.join(__dirname, "..", "..", "bin", "techtree.js");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "front-door-"));
const page = path.join(dir, "page.txt");
fs.writeFileSync(page, ["Mar 17", "", "Alpha: A Paper", "", "We propose Alpha\u0007, which outperforms Beta on ImageNet.", "", "Alpha: A Paper", "", "Again."].join("\n"));

test("extract reports what ingest's reader reports, and yields the de-duplicated papers in order", async () => {
  const read = emptyReport();
  const papers = [];
  for await (const p of readPapers([{ file: page }], {}, read)) papers.push(p);
  const extracted = emptyReport();
  const facts = [];
  for await (const f of extractInputs([{ file: page }], {}, extracted)) facts.push(f);
  expect(facts.map((f) => f.paper)).toEqual(papers);
  expect(papers.map((p) => p.title)).toEqual(["Alpha: A Paper"]);
  expect(extracted.messages).toEqual(read.messages);
  expect(read.messages.map((m) => [m.line, m.message.replace(page, "page.txt")])).toEqual([
    [5, "control characters removed"],
    [7, '"Alpha: A Paper" duplicates the paper at page.txt:3 (the same title or id); this later copy is skipped'],
  ]);
});

test("--strict reads every input once and writes nothing when the input has problems", async () => {
  const open = jest.spyOn(fs.promises, "open");
  const untouched = new Proxy({}, { get: () => { throw new Error("no database call expected"); } }) as Db;
  try {
    const report = await ingest(untouched, [{ file: page }, { file: path.join(dir, "missing.txt") }], { strict: true });
    expect(report.strictFailed).toBe(true);
    expect(open.mock.calls.map((c) => c[0])).toEqual([page, path.join(dir, "missing.txt")]);
  } finally {
    open.mockRestore();
  }
});

test("`techtree extract --json` prints the contract's records, the same from a file and from standard input (-)", () => {
  const fromFile = JSON.parse(execFileSync(process.execPath, [CLI, "extract", page, "--json"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
  const fromStdin = JSON.parse(execFileSync(process.execPath, [CLI, "extract", "-", "--json"], { encoding: "utf8", input: fs.readFileSync(page), stdio: ["pipe", "pipe", "pipe"] }));
  expect(fromStdin).toEqual(fromFile);
  expect(fromFile).toHaveLength(1);
  expect(Object.keys(fromFile[0]).sort()).toEqual(["builds_on", "compares_to", "datasets", "hardware", "introduces", "models", "title"]);
  expect(fromFile[0].title).toBe("Alpha: A Paper");
});

test("`techtree extract --json` gives each paper's title as the input wrote it (scorers pair by it), while the paper reads its accents and entities decoded", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tt-title-"));
  const file = path.join(dir, "page.txt");
  fs.writeFileSync(file, 'T\\"ulu 3:   Open Post-Training\n\nWe introduce T\\"ulu 3, built on Llama 3.1.\n\nContext &amp; Curriculum\n\nWe present CCL, a method that outperforms FIM.\n');
  const records = JSON.parse(execFileSync(process.execPath, [CLI, "extract", file, "--json"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
  // White space folded (the scorer folds it too), nothing decoded.
  expect(records.map((r: { title: string }) => r.title)).toEqual(['T\\"ulu 3: Open Post-Training', "Context &amp; Curriculum"]);
  const report = emptyReport();
  const papers = [];
  for await (const p of readPapers([{ file }], {}, report)) papers.push(p);
  expect(papers.map((p) => [p.title, p.titleAsWritten])).toEqual([
    ["Tülu 3: Open Post-Training", 'T\\"ulu 3: Open Post-Training'],
    ["Context & Curriculum", "Context &amp; Curriculum"],
  ]);
  // A record's title likewise; a title reading needed nothing for has no second form.
  const jsonl = path.join(dir, "r.jsonl");
  fs.writeFileSync(jsonl, JSON.stringify({ title: "Caf&eacute; at  scale", abstract: "We present Cafe, faster than vLLM." }) + "\n" + JSON.stringify({ title: "Plain", abstract: "We present Plain." }) + "\n");
  const fromRecords = JSON.parse(execFileSync(process.execPath, [CLI, "extract", jsonl, "--json"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
  expect(fromRecords.map((r: { title: string }) => r.title)).toEqual(["Caf&eacute; at scale", "Plain"]);
  const plain = [];
  for await (const p of readPapers([{ file: jsonl }], {}, emptyReport())) plain.push(p);
  expect(plain.map((p) => p.titleAsWritten)).toEqual(["Caf&eacute; at scale", undefined]);
});

test("`techtree extract` names a missing file and why, and fails as ingest does (exit 2)", () => {
  const missing = path.join(dir, "missing.txt");
  const r = spawnSync(process.execPath, [CLI, "extract", missing, "--json"], { encoding: "utf8" });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain(`techtree: no such file ${missing}\n`);
});

test("`techtree extract - -` is refused: standard input can be read only once", () => {
  const r = spawnSync(process.execPath, [CLI, "extract", "-", "-", "--json"], { encoding: "utf8", input: fs.readFileSync(page) });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain("standard input (-) can be read only once");
  expect(r.stdout).toBe("");
});

test("`techtree extract` without --json prints a block per paper, each baseline with its claim", () => {
  const seed = fs.readFileSync(path.join(__dirname, "..", "..", "seeds", "000_db28a67034f59696.txt"), "utf8").split("\n");
  const at = seed.findIndex((l) => l.startsWith("DeepSpeed-FastGen:"));
  const out = execFileSync(process.execPath, [CLI, "extract", "-"], { encoding: "utf8", input: seed.slice(at, at + 3).join("\n"), stdio: ["pipe", "pipe", "pipe"] });
  expect(out).toContain("\nDeepSpeed-FastGen: High-throughput Text Generation for LLMs via MII and DeepSpeed-Inference\n");
  expect(out).toMatch(/^ {2}introduces {3}DeepSpeed-FastGen$/m);
  expect(out).toMatch(/^ {2}compares_to {2}.*vLLM \(up to 2\.3x higher effective throughput\)/m);
});
