// The managed Neo4j of one TECHTREE_HOME shared by several techtree processes: a process that comes
// while another is still starting the server waits for it and reuses it (no second JVM on the same
// store); the server runs while any of them uses it, whichever started it and however the others
// ended (SIGKILL included), and stops after the last. These start Neo4j servers of their own, in
// throw-away homes, not the test run's.
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { writeCorpus } from "../../bench/corpus";
import { startCli, type Running } from "../helpers/cli";
import { codes, gqlClient } from "./api-http";

// NODE_ENV as a user's shell has it (unset: serve and up run in production mode), not jest's "test".
const MANAGED = { NODE_ENV: "", NEO4J_URI: "", PORT: "0", TECHTREE_NEO4J_BOLT_PORT: "0", TECHTREE_NEO4J_HEAP_MB: "512", TECHTREE_NEO4J_PAGECACHE_MB: "64" };

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
  // A test that failed may leave its server stopping: no JVM outlives its test.
  const runFile = path.join(home, "neo4j", "run.json");
  if (fs.existsSync(runFile)) {
    const pid = runningPid();
    // One that nothing stops (the test found that bug) is stopped here.
    if (!(await gone(pid, 60_000))) {
      process.kill(pid, "SIGKILL");
      await gone(pid, 10_000);
    }
  }
  // A guard may still be ending (it takes start.lock once more after the JVM's last user stopped
  // it): removing the home under it failed once in CI with ENOTEMPTY.
  await within(15_000, () => usersOf(home).length === 0);
  fs.rmSync(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
});

/** Pids of live processes whose command line names dir (guards, JVMs, techtree commands). */
const usersOf = (dir: string) =>
  fs.readdirSync("/proc").filter((f) => /^\d+$/.test(f)).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(dir) && alive(Number(pid));
    } catch {
      return false;
    }
  });

const run = (args: string[]) => {
  const r = startCli(args, { ...MANAGED, TECHTREE_HOME: home });
  started.push(r);
  return r;
};

/** Whether pid runs: a zombie (exited, not yet reaped by its parent) does not. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
};

// A server a techtree process serves from, and a query it can answer only by reading Neo4j.
const serving = async (r: Running) => {
  await r.waitFor(/techtree is serving GraphQL at (\S+)/, 180_000);
  return /techtree is serving GraphQL at (\S+)/.exec(r.output())![1]!;
};
const readsNeo4j = async (url: string) => {
  const r = await gqlClient(url)("{ hardwareUsage(first: 1) { papers } }");
  return codes(r);
};
/** The process whose child pid is (the JVM's: its guard), from /proc/PID/stat. */
const parentOf = (pid: number) => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
};
const runningPid = () => (JSON.parse(fs.readFileSync(path.join(home, "neo4j", "run.json"), "utf8")) as { pid: number }).pid;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Whether done() holds within ms, checked every 100 ms. */
const within = async (ms: number, done: () => boolean) => {
  const t0 = Date.now();
  while (!done() && Date.now() - t0 < ms) await sleep(100);
  return done();
};
const gone = (pid: number, withinMs: number) => within(withinMs, () => !alive(pid));
/** A port nothing listens on now (the kernel's pick), for processes that must share one. */
const freePort = () => new Promise<number>((resolve, reject) => {
  const srv = net.createServer();
  srv.once("error", reject);
  srv.listen(0, "127.0.0.1", () => {
    const addr = srv.address();
    srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
  });
});

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
  // One starts the server; the other waits for it, says it is another's and keeps it up too.
  await Promise.all([a.waitFor(/Neo4j is running at/, 180_000), b.waitFor(/Neo4j is running at/, 180_000)]);
  const [owner, other] = /started by another techtree process/.test(a.output()) ? [b, a] : [a, b];
  expect(other.output()).toContain("Using the Neo4j already running");
  expect(other.output()).toMatch(/Neo4j is running at bolt:\/\/127\.0\.0\.1:\d+, started by another techtree process on /);
  expect((owner.output() + other.output()).match(/Starting Neo4j/g)).toHaveLength(1);
  expect(fs.existsSync(path.join(home, "neo4j", "start.lock"))).toBe(false);
  const pid = runningPid();
  owner.child.kill("SIGINT");
  expect((await owner.exited).code).toBe(0);
  expect(alive(pid)).toBe(true);
  other.child.kill("SIGINT");
  expect((await other.exited).code).toBe(0);
  expect(alive(pid)).toBe(false);
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

test("the process that started the Neo4j exits while another uses it: the other keeps reading it, and the server stops when that one exits", async () => {
  const starter = run(["serve"]);
  await serving(starter);
  const pid = runningPid();
  const reuser = run(["serve"]);
  const url = await serving(reuser);
  expect(reuser.output()).toContain(`Using the Neo4j already running for ${home} (pid ${pid}`);

  starter.child.kill("SIGINT");
  expect((await starter.exited).code).toBe(0);
  expect(alive(pid)).toBe(true);
  expect(await readsNeo4j(url)).toEqual([]);
  expect(starter.output()).toContain(`Leaving the Neo4j of ${home} running for 1 other techtree process`);

  reuser.child.kill("SIGINT");
  expect((await reuser.exited).code).toBe(0);
  expect(alive(pid)).toBe(false);
  expect(fs.existsSync(path.join(home, "neo4j", "run.json"))).toBe(false);
  // The last user says that it stopped the server (README Quick start: Ctrl-C stops the Neo4j too).
  expect(reuser.output()).toMatch(new RegExp(`Stopping…\\nNeo4j stopped \\(bolt://127\\.0\\.0\\.1:\\d+, data in ${path.join(home, "neo4j").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\)\\n`));
  expect(starter.output()).not.toContain("Neo4j stopped");
}, 240_000);

test("the process that started the Neo4j is killed with SIGKILL: the other keeps reading it, and the server stops when that one exits", async () => {
  const starter = run(["serve"]);
  await serving(starter);
  const pid = runningPid();
  const reuser = run(["serve"]);
  const url = await serving(reuser);

  starter.child.kill("SIGKILL");
  await starter.exited;
  // Long enough for a guard that watches its users to have acted on the dead one.
  await sleep(3_000);
  expect(alive(pid)).toBe(true);
  expect(await readsNeo4j(url)).toEqual([]);

  reuser.child.kill("SIGINT");
  expect((await reuser.exited).code).toBe(0);
  expect(alive(pid)).toBe(false);
}, 240_000);

test("every process using the Neo4j is killed with SIGKILL: the server stops within seconds", async () => {
  const starter = run(["serve"]);
  await serving(starter);
  const pid = runningPid();
  const reuser = run(["serve"]);
  await serving(reuser);

  reuser.child.kill("SIGKILL");
  starter.child.kill("SIGKILL");
  await Promise.all([reuser.exited, starter.exited]);
  const t0 = Date.now();
  expect(await gone(pid, 30_000)).toBe(true);
  process.stderr.write(`[launcher test] the JVM stopped ${((Date.now() - t0) / 1000).toFixed(1)}s after its last users were killed\n`);
  // Nothing is left that a next command would wait on or count as a user, once the guard is done.
  const leftBehind = () => [
    ...["run.json", "start.lock"].filter((f) => fs.existsSync(path.join(home, "neo4j", f))),
    ...fs.readdirSync(path.join(home, "neo4j", "users")).map((f) => `users/${f}`),
  ];
  await within(5_000, () => leftBehind().length === 0);
  expect(leftBehind()).toEqual([]);
}, 240_000);

test("neo4j start on a server another command started keeps it running after that command exits, until Ctrl-C", async () => {
  const command = run(["serve"]);
  await serving(command);
  const pid = runningPid();
  const explicit = run(["neo4j", "start"]);
  await explicit.waitFor(/Neo4j is running at bolt:\/\/127\.0\.0\.1:\d+, started by another techtree process/, 120_000);

  command.child.kill("SIGINT");
  expect((await command.exited).code).toBe(0);
  expect(alive(pid)).toBe(true);
  expect(explicit.child.exitCode).toBeNull();
  const later = await run(["digest", "--since", "1d"]).exited;
  expect(later.out).toContain(`Using the Neo4j already running for ${home} (pid ${pid}`);
  expect(later.code).toBe(0);
  expect(alive(pid)).toBe(true);

  explicit.child.kill("SIGINT");
  expect((await explicit.exited).code).toBe(0);
  expect(alive(pid)).toBe(false);
}, 240_000);

test("the guard of the Neo4j is killed with SIGKILL, then every process using it: a process that joined after the guard died watches it, and the server stops within seconds", async () => {
  const starter = run(["serve"]);
  await serving(starter);
  const pid = runningPid();
  const guard = parentOf(pid);
  expect(guard).not.toBe(starter.child.pid);
  process.kill(guard, "SIGKILL");
  expect(await gone(guard, 5_000)).toBe(true);

  const reuser = run(["serve"]);
  await serving(reuser);
  expect(reuser.output()).toContain(`Using the Neo4j already running for ${home} (pid ${pid}`);

  reuser.child.kill("SIGKILL");
  starter.child.kill("SIGKILL");
  await Promise.all([reuser.exited, starter.exited]);
  const t0 = Date.now();
  expect(await gone(pid, 30_000)).toBe(true);
  process.stderr.write(`[launcher test] with its first guard killed, the JVM stopped ${((Date.now() - t0) / 1000).toFixed(1)}s after its last users were killed\n`);
  await within(5_000, () => !fs.existsSync(path.join(home, "neo4j", "run.json")));
  expect(fs.existsSync(path.join(home, "neo4j", "run.json"))).toBe(false);
  expect(reuser.output()).toContain(`its guard (pid ${guard}) is gone; watching it from pid `);
}, 240_000);

test("the managed Neo4j is killed with SIGKILL during an ingest: the ingest says so (exit 1), the next run starts it again and completes the graph", async () => {
  const corpus = path.join(home, "corpus.jsonl");
  writeCorpus(corpus, 600, 7);
  const ingest = ["ingest", corpus, "--batch-size", "50", "--workers", "1", "--no-topics"];
  const first = run(ingest);
  await first.waitFor(/read, [1-9]\d* done/, 180_000);
  const pid = runningPid();
  process.kill(pid, "SIGKILL");
  const cut = await first.exited;
  expect(cut.out).toContain(`techtree: the managed Neo4j of TECHTREE_HOME=${home} (pid ${pid}) has stopped; see ${path.join(home, "neo4j", "logs", "neo4j.log")} and ${path.join(home, "neo4j", "console.log")}. The batches written before stay written; run the same command again to complete the graph\n`);
  expect(cut.code).toBe(1);

  // A store left by a killed JVM: the next command starts the server (Neo4j recovers the store) and ends the run.
  const again = await run(ingest).exited;
  expect(again.code).toBe(0);
  const [, made, kept] = /papers read 600: (\d+) new, 0 updated, (\d+) unchanged, 0 skipped/.exec(again.out) ?? [];
  expect(Number(made) + Number(kept)).toBe(600);
  expect(Number(kept)).toBeGreaterThan(0);
  const third = await run(ingest).exited;
  expect(third.out).toContain("papers read 600: 0 new, 0 updated, 600 unchanged, 0 skipped");
}, 600_000);

test("neo4j start whose Neo4j is killed with SIGKILL says so and exits 1, instead of ending without a word", async () => {
  const keeper = run(["neo4j", "start"]);
  await keeper.waitFor(/Neo4j is running at/, 180_000);
  const pid = runningPid();
  process.kill(pid, "SIGKILL");
  const { code, out } = await keeper.exited;
  expect(out).toContain(`techtree: the managed Neo4j of TECHTREE_HOME=${home} (pid ${pid}) has stopped; see ${path.join(home, "neo4j", "logs", "neo4j.log")} and ${path.join(home, "neo4j", "console.log")}; run techtree neo4j start again to start it (Neo4j recovers its store)\n`);
  expect(code).toBe(1);
}, 240_000);

test("watch whose managed Neo4j another process restarted names the server that runs now: a loss of the new one says its pid, not the pid the watch joined", async () => {
  // One bolt port for every process here, so the restarted server listens where the watch's driver connects.
  const port = await freePort();
  const env = { ...MANAGED, TECHTREE_HOME: home, TECHTREE_NEO4J_BOLT_PORT: String(port) };
  const folder = path.join(home, "inbox");
  fs.mkdirSync(folder);
  const watch = startCli(["watch", folder], env);
  started.push(watch);
  await watch.waitFor(/watch: watching /, 180_000);
  const first = runningPid();
  process.kill(first, "SIGKILL");
  await watch.waitFor(/watch: Neo4j lost: /, 60_000);
  expect(watch.output()).toContain(`watch: Neo4j lost: the managed Neo4j of TECHTREE_HOME=${home} (bolt://127.0.0.1:${port}, pid ${first}) has stopped; `);

  // Another process starts the server again (a new JVM, a new pid); the watch's driver finds it on the same port.
  const keeper = startCli(["neo4j", "start"], env);
  started.push(keeper);
  await keeper.waitFor(/Neo4j is running at/, 180_000);
  const second = runningPid();
  expect(second).not.toBe(first);
  await watch.waitFor(/answers again; watching on/, 60_000);

  const from = watch.output().length;
  process.kill(second, "SIGKILL");
  await watch.waitFor(/watch: Neo4j lost: /, 60_000, from);
  const said = watch.output().slice(from);
  expect(said).toContain(`watch: Neo4j lost: the managed Neo4j of TECHTREE_HOME=${home} (bolt://127.0.0.1:${port}, pid ${second}) has stopped; `);
  expect(said).not.toContain(`pid ${first}`);
  expect((await keeper.exited).out).toContain(`the managed Neo4j of TECHTREE_HOME=${home} (pid ${second}) has stopped`);
}, 600_000);
