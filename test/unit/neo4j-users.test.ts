// The register of techtree processes that use a managed Neo4j (users/ under its folder): a file
// counts while its process runs, and a file whose process died, or whose pid a later process was
// given, is dropped, so a user killed with SIGKILL never keeps the server up.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { liveUsers, startedAt, startingNote } from "../../src/neo4j/launcher";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-users-"));
  fs.mkdirSync(path.join(dir, "users"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const user = (name: string, content: unknown) => fs.writeFileSync(path.join(dir, "users", name), JSON.stringify(content));
const files = () => fs.readdirSync(path.join(dir, "users")).sort();

test("a running process counts; the file of one that exited is removed", () => {
  const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
  user(`${process.pid}-1`, { pid: process.pid, started: startedAt(process.pid) });
  user(`${dead}-1`, { pid: dead, started: "1" });
  expect(liveUsers(dir)).toEqual([process.pid]);
  expect(files()).toEqual([`${process.pid}-1`]);
});

test("a file naming a live pid that started at another time (the pid was reused) is removed", () => {
  if (startedAt(process.pid) === null) return; // no /proc: only liveness is known
  user(`${process.pid}-1`, { pid: process.pid, started: "0" });
  expect(liveUsers(dir)).toEqual([]);
  expect(files()).toEqual([]);
});

test("two registrations of one process count once; a file being written is left alone, one that names no process is dropped", () => {
  user(`${process.pid}-1`, { pid: process.pid, started: startedAt(process.pid) });
  user(`${process.pid}-2`, { pid: process.pid, started: startedAt(process.pid) });
  fs.writeFileSync(path.join(dir, "users", `.${process.pid}-3.tmp`), "");
  fs.writeFileSync(path.join(dir, "users", "garbage"), "not json");
  expect(liveUsers(dir)).toEqual([process.pid]);
  expect(files()).toEqual([`.${process.pid}-3.tmp`, `${process.pid}-1`, `${process.pid}-2`]);
});

test("no users folder: no users", () => {
  expect(liveUsers(path.join(dir, "nowhere"))).toEqual([]);
});

test("a slow start says every 30 s that Neo4j is still starting, and why it can be slow", () => {
  expect(startingNote(29_999, 0, 120_000, "/h/neo4j")).toBeNull();
  const first = startingNote(30_200, 0, 120_000, "/h/neo4j");
  expect(first).toEqual({ said: 1, line: "Neo4j is still starting (30s of at most 120s; after an unclean stop it first recovers its store, which can take a minute; logs in /h/neo4j/logs)" });
  expect(startingNote(59_000, first!.said, 120_000, "/h/neo4j")).toBeNull();
  expect(startingNote(61_000, first!.said, 120_000, "/h/neo4j")?.line).toMatch(/^Neo4j is still starting \(60s of at most 120s;/);
});
