// The managed Neo4j of one TECHTREE_HOME shared by several techtree processes: a process that comes
// while another is still starting the server waits for it and reuses it (no second JVM on the same
// store), and leaves the run file of the server it did not start alone. These start Neo4j servers
// of their own, in throw-away homes, not the test run's.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startCli, type Running } from "../helpers/cli";

const MANAGED = { NEO4J_URI: "", TECHTREE_NEO4J_BOLT_PORT: "0", TECHTREE_NEO4J_HEAP_MB: "512", TECHTREE_NEO4J_PAGECACHE_MB: "64" };

let home: string;
const started: Running[] = [];

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-launcher-"));
});

afterEach(async () => {
  for (const r of started.splice(0)) {
    if (r.child.exitCode === null && r.child.signalCode === null) {
      r.child.kill("SIGINT");
      await r.exited;
    }
  }
  fs.rmSync(home, { recursive: true, force: true });
});

const run = (args: string[]) => {
  const r = startCli(args, { ...MANAGED, TECHTREE_HOME: home });
  started.push(r);
  return r;
};

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test("a command run while another process is starting the Neo4j of the same home waits for it and reuses it", async () => {
  const runFile = path.join(home, "neo4j", "run.json");
  const server = run(["neo4j", "start"]);
  // The run file appears as soon as the JVM is spawned, seconds before Bolt answers.
  for (let i = 0; i < 600 && !fs.existsSync(runFile); i++) await new Promise((r) => setTimeout(r, 50));
  const { pid } = JSON.parse(fs.readFileSync(runFile, "utf8")) as { pid: number };
  expect(server.output()).not.toMatch(/Neo4j is running at/);

  const digest = run(["digest", "--since", "1d"]);
  const { code, out } = await digest.exited;
  expect(out).toContain("Waiting for the Neo4j of");
  expect(out).toContain(`Using the Neo4j already running for ${home} (pid ${pid}`);
  expect(out).not.toContain("Starting Neo4j");
  expect(code).toBe(0);
  await server.waitFor(/Neo4j is running at/, 120_000);

  // The digest did not start the server, so it left its run file: a later command finds it at once.
  expect(JSON.parse(fs.readFileSync(runFile, "utf8")).pid).toBe(pid);
  const again = await run(["digest", "--since", "1d"]).exited;
  expect(again.out).toContain(`Using the Neo4j already running for ${home} (pid ${pid}`);
  expect(again.code).toBe(0);

  server.child.kill("SIGINT");
  expect((await server.exited).code).toBe(0);
  expect(fs.existsSync(runFile)).toBe(false);
  expect(alive(pid)).toBe(false);
}, 240_000);

test("two processes started at once on a fresh home start one Neo4j between them; neo4j start says when the server is another's", async () => {
  const a = run(["neo4j", "start"]);
  const b = run(["neo4j", "start"]);
  // One runs the server until Ctrl-C; the other finds it running and exits at once.
  const other = await Promise.race([a.exited.then(() => a), b.exited.then(() => b)]);
  const owner = other === a ? b : a;
  const { code, out } = await other.exited;
  expect(out).toContain("Using the Neo4j already running");
  expect(out).toMatch(/Neo4j is already running at bolt:\/\/127\.0\.0\.1:\d+, started by another techtree process on /);
  expect(code).toBe(0);
  await owner.waitFor(/Neo4j is running at/, 180_000);
  expect((owner.output() + out).match(/Starting Neo4j/g)).toHaveLength(1);
  expect(fs.existsSync(path.join(home, "neo4j", "start.lock"))).toBe(false);
  owner.child.kill("SIGINT");
  expect((await owner.exited).code).toBe(0);
}, 240_000);

test("a Java that dies at start-up: the error carries what it printed", async () => {
  const java = path.join(home, "java");
  fs.writeFileSync(java, "#!/bin/sh\necho 'Error: LinkageError occurred while loading main class org.neo4j.server.CommunityEntryPoint' >&2\nexit 1\n", { mode: 0o755 });
  const r = startCli(["digest"], { ...MANAGED, TECHTREE_HOME: home, TECHTREE_JAVA: java });
  started.push(r);
  const { code, out } = await r.exited;
  expect(out).toContain("techtree: Neo4j exited during start-up: Error: LinkageError occurred while loading main class org.neo4j.server.CommunityEntryPoint; see ");
  expect(code).toBe(1);
});
