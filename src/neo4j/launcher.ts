// Runs a real Neo4j 5.26 Community server from Maven Central jars, without Docker: Maven lays the
// jars out once (neo4j/pom.xml), then Neo4j's own server entry point runs on that classpath with a
// generated neo4j.conf. Bolt listens on 127.0.0.1 only; data lives under $TECHTREE_HOME/neo4j.
//
// Several techtree processes share one home's server, and it runs while any of them uses it:
// - run.json names the JVM; start.lock lets one process at a time start or stop it, so a store never
//   has two JVMs and a process never joins a server that is being stopped;
// - every process that uses the server has a file in users/ (written under start.lock); one that
//   leaves removes it, and the last to leave stops the JVM, whoever started it;
// - the JVM runs under a small detached guard (guard.ts) that outlives the process that started
//   it, and stops the JVM once no registered process is alive: users killed with SIGKILL leave
//   files whose pid is dead (or, pid reused, started at another time), and the guard drops them;
// - run.json names the guard too: a process that joins a server whose guard died (kill -9) starts
//   a guard that watches that JVM (guard.ts --watch), so the server never runs with nobody to stop it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { fromRoot, makeDir } from "../paths";

export const NEO4J_VERSION = "5.26.21";

export interface LaunchOptions {
  readonly home: string;
  readonly java: string;
  /** 0 picks a free port. */
  readonly boltPort: number;
  readonly heapMb: number;
  readonly pageCacheMb: number;
  /** Progress lines for people ("downloading jars", "starting", "ready"). */
  readonly log?: (line: string) => void;
  readonly readyTimeoutMs?: number;
}

export interface ManagedNeo4j {
  readonly uri: string;
  readonly boltPort: number;
  /** True when this call started the server (false: it was running for another techtree process). */
  readonly owned: boolean;
  readonly startMs: number;
  /** Leaves the server: stops it when no other techtree process of this home uses it. */
  stop(): Promise<void>;
  /**
   * Null while the JVM of this home runs (the one this process joined, or the one another process
   * started since: run.json is read at each call); once it is gone (killed, crashed, out of memory),
   * a sentence saying so, with its pid, and where its logs are, for an error that would otherwise
   * only say "connection refused".
   */
  gone(): string | null;
  /**
   * Which server this is and why it does not answer, for a caller that found it unreachable and
   * waits: gone()'s sentence once the JVM is gone, else that it does not answer and where its logs are
   * (or, started again on another bolt port, that this process cannot reach it). It names the pid of
   * the server that runs now.
   */
  lost(): string;
}

interface RunFile {
  readonly pid: number;
  readonly boltPort: number;
  readonly version: string;
  /** The guard that stops the JVM when its users all died (absent: a server started by an older techtree). */
  readonly guard?: number;
}

const CLASSPATH_DIR = () => fromRoot("neo4j", "target", "lib");

/** Lays out the Neo4j jars with Maven unless they are there already. */
export function ensureJars(log: (line: string) => void = () => {}): string {
  const lib = CLASSPATH_DIR();
  const marker = path.join(lib, `neo4j-${NEO4J_VERSION}.jar`);
  if (fs.existsSync(marker)) return lib;
  log(`Fetching Neo4j ${NEO4J_VERSION} jars from Maven Central (first run only, ~120 MB)…`);
  // Quiet Maven still writes a few colour resets (ESC[0m) when it has nothing to say; its output is
  // passed on without them, so a first run's log stays plain text.
  const mvn = spawnSync("mvn", ["-q", "-B", "-f", fromRoot("neo4j", "pom.xml"), "package"], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", maxBuffer: 64 << 20 });
  for (const [out, sink] of [[mvn.stdout, process.stdout], [mvn.stderr, process.stderr]] as const) {
    const text = (out ?? "").replace(/\x1b\[[0-9;]*m/g, "");
    if (text.trim()) sink.write(text.endsWith("\n") ? text : `${text}\n`);
  }
  if (mvn.error) throw new Error(`cannot run Maven (mvn): ${mvn.error.message}. Install Maven 3 and a JDK 17, or set NEO4J_URI to use an existing Neo4j.`);
  if (mvn.status !== 0 || !fs.existsSync(marker)) {
    throw new Error(`Maven could not lay out the Neo4j jars (exit ${mvn.status}); see its output above, or set NEO4J_URI to use an existing Neo4j.`);
  }
  return lib;
}

export async function startNeo4j(opts: LaunchOptions): Promise<ManagedNeo4j> {
  const log = opts.log ?? (() => {});
  const dir = path.join(opts.home, "neo4j");
  const runFile = path.join(dir, "run.json");
  try {
    makeDir(path.join(dir, "conf"));
  } catch (err) {
    throw unwritableHome(opts.home, err as NodeJS.ErrnoException);
  }

  const readyTimeoutMs = opts.readyTimeoutMs ?? 120_000;
  // A server that is starting answers soon: wait for it here, where we can say so, rather than in
  // the queue for start.lock, which its starter holds until then.
  await awaitRunning(dir, opts.home, readyTimeoutMs, log);
  // One start at a time per home: a second process that came while the first was starting waits
  // for it and reuses its server, instead of starting a second JVM on the same (locked) store.
  // Joining happens under the lock too, so the last user leaving cannot stop the server under us.
  const release = await takeStartLock(dir, readyTimeoutMs, log).catch((err: NodeJS.ErrnoException) => {
    throw HOME_WRITE_ERRORS.has(err.code ?? "") ? unwritableHome(opts.home, err) : err;
  });
  let user: string | undefined;
  try {
    try {
      user = register(dir);
    } catch (err) {
      throw unwritableHome(opts.home, err as NodeJS.ErrnoException);
    }
    const running = await awaitRunning(dir, opts.home, readyTimeoutMs, log);
    if (running) {
      log(`Using the Neo4j already running for ${opts.home} (pid ${running.pid}, bolt port ${running.boltPort})`);
      guardIfUnguarded(dir, opts.home, running, log);
      return joined(dir, opts.home, running.boltPort, false, 0, user, log);
    }
    const { boltPort, startMs } = await launch(opts, dir, runFile, readyTimeoutMs, log);
    return joined(dir, opts.home, boltPort, true, startMs, user, log);
  } catch (err) {
    if (user) fs.rmSync(user, { force: true });
    throw err;
  } finally {
    release();
  }
}

/** The errors of a home that cannot be written (a full disk: mkdir may work where a write fails). */
const HOME_WRITE_ERRORS = new Set(["ENOTDIR", "EEXIST", "EACCES", "EROFS", "EPERM", "ENOSPC", "EDQUOT", "ENOENT"]);

function unwritableHome(home: string, err: NodeJS.ErrnoException): Error {
  const code = err.code;
  const why = code === "ENOTDIR" ? `${home} or a folder in it is a file`
    : code === "EEXIST" ? `${err.path ?? home} is there but is not a folder (a file, or a link to nowhere)`
    : code === "EACCES" || code === "EROFS" || code === "EPERM" ? `${home} is not writable`
    : code === "ENOSPC" || code === "EDQUOT" ? `the file system of ${home} is full`
    // A folder that exists but will not hold one (/proc, /sys), or a link to nowhere.
    : code === "ENOENT" ? `no folder can be made in ${err.path ? path.dirname(err.path) : home}`
    : err.message;
  return new Error(`cannot keep the managed Neo4j's data in TECHTREE_HOME=${home}: ${why} (${code}); set TECHTREE_HOME to a folder techtree may write, or NEO4J_URI to use an existing Neo4j`);
}

/**
 * This process's hold on the server. Leaving takes start.lock: the last user stops the JVM and
 * waits until it is gone, so a process that starts the next one never finds the store locked. A
 * process that exits without leaving (process.exit) still removes its file, and the guard stops
 * the server if it was the last.
 */
function joined(dir: string, home: string, boltPort: number, owned: boolean, startMs: number, user: string, log: (line: string) => void): ManagedNeo4j {
  const drop = () => fs.rmSync(user, { force: true });
  process.on("exit", drop);
  let stopping: Promise<void> | undefined;
  const leave = async () => {
    let release: () => void;
    try {
      release = await takeStartLock(dir, LEAVE_LOCK_MS, log);
    } catch (err) {
      // Another process holds the lock for too long: leave anyway, and let the guard stop the server.
      drop();
      log(`${(err as Error).message}; leaving the Neo4j of ${home} to its guard`);
      return;
    }
    try {
      drop();
      const others = liveUsers(dir);
      if (others.length) {
        log(`Leaving the Neo4j of ${home} running for ${others.length} other techtree process${others.length > 1 ? "es" : ""} (pid ${others.join(", ")})`);
      } else if (await stopServer(dir)) {
        // Said as its start was ("Starting Neo4j … (bolt://…, data in …)"), so a Ctrl-C ends with proof that nothing is left running.
        log(`Neo4j stopped (bolt://127.0.0.1:${boltPort}, data in ${dir})`);
      }
    } finally {
      release();
      process.off("exit", drop);
    }
  };
  // The server is the one run.json names when a message is said, not the one joined: another
  // process may have started it again since (its JVM killed, then any command), and a watch or
  // `neo4j start` that outlived the first JVM otherwise named that one's pid for ever after.
  const runFile = path.join(dir, "run.json");
  const joinedPid = readRunFile(runFile)?.pid;
  const current = () => readRunFile(runFile) ?? (joinedPid === undefined ? null : { pid: joinedPid, boltPort });
  const stoppedPid = () => {
    const run = current();
    return run === null || isNeo4jOf(run.pid, dir) ? null : run.pid;
  };
  const gone = () => {
    const pid = stoppedPid();
    return pid === null ? null : `the managed Neo4j of TECHTREE_HOME=${home} (pid ${pid}) has stopped; ${neo4jLogs(dir).stopped}`;
  };
  const uri = `bolt://127.0.0.1:${boltPort}`;
  const lost = () => {
    const run = current();
    const which = `the managed Neo4j of TECHTREE_HOME=${home} (${uri}${run === null ? "" : `, pid ${run.pid}`})`;
    if (stoppedPid() !== null) return `${which} has stopped; ${neo4jLogs(dir).stopped}; techtree neo4j start starts it again`;
    // Started again by a process with another TECHTREE_NEO4J_BOLT_PORT (or 0): it will never answer here.
    if (run !== null && run.boltPort !== boltPort) {
      return `the managed Neo4j of TECHTREE_HOME=${home} runs again (pid ${run.pid}), started by another process on bolt://127.0.0.1:${run.boltPort}, not on ${uri} where this process connects; run this command again to use it`;
    }
    return `${which} does not answer; ${neo4jLogs(dir).starting}`;
  };
  return { uri, boltPort, owned, startMs, stop: () => (stopping ??= leave()), gone, lost };
}

let registrations = 0;

/**
 * How long leaving (or the guard's stop) waits for start.lock. Longer than any start may hold it:
 * takeStartLock counts a lock older than this as left behind by a dead holder whose pid was reused.
 */
const LEAVE_LOCK_MS = 600_000;

/** Writes users/<pid>-<n> (whole: liveUsers reads it without start.lock); returns its path. */
function register(dir: string): string {
  const users = path.join(dir, "users");
  makeDir(users);
  const file = path.join(users, `${process.pid}-${++registrations}`);
  writeWhole(file, { pid: process.pid, started: startedAt(process.pid) } satisfies UserFile);
  return file;
}

interface UserFile {
  readonly pid: number;
  /** When the process started (see startedAt), to tell it from a later process given the same pid. */
  readonly started: string | null;
}

/** The pids of the techtree processes that use this home's server; files of dead ones are removed. */
export function liveUsers(dir: string): number[] {
  const users = path.join(dir, "users");
  let names: string[];
  try {
    names = fs.readdirSync(users).filter((n) => !n.startsWith("."));
  } catch {
    return [];
  }
  const live = new Set<number>();
  for (const name of names) {
    const file = path.join(users, name);
    let user: Partial<UserFile> | null = null;
    try {
      user = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<UserFile>;
    } catch {
      // Removed meanwhile (its process left), or not ours.
    }
    const pid = user?.pid;
    if (typeof pid === "number" && isAlive(pid) && (!user?.started || startedAt(pid) === user.started)) live.add(pid);
    else fs.rmSync(file, { force: true });
  }
  return [...live].sort((a, b) => a - b);
}

/**
 * When pid started, in clock ticks since boot (field 22 of /proc/PID/stat), or null where there is
 * no /proc. Its name may hold spaces and parentheses, so fields are counted after the last ")".
 */
export function startedAt(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

/** The guard's check: with start.lock taken, stops the server if no registered process is alive; true if it did. */
export async function stopIfUnused(dir: string): Promise<boolean> {
  if (liveUsers(dir).length) return false;
  const release = await takeStartLock(dir, LEAVE_LOCK_MS, () => {});
  try {
    return liveUsers(dir).length === 0 && (await stopServer(dir));
  } finally {
    release();
  }
}

/** Stops the JVM run.json names (start.lock held) and waits until it has exited; false when none ran. */
async function stopServer(dir: string): Promise<boolean> {
  const runFile = path.join(dir, "run.json");
  const running = readRunFile(runFile);
  const ran = running !== null && isNeo4jOf(running.pid, dir);
  // It may exit by itself between the check and the signal.
  const signal = (pid: number, sig: NodeJS.Signals) => { try { process.kill(pid, sig); } catch { /* gone already */ } };
  if (running && ran) {
    signal(running.pid, "SIGTERM");
    const killAt = Date.now() + 60_000;
    let killed = false;
    while (isNeo4jOf(running.pid, dir)) {
      if (!killed && Date.now() > killAt) {
        signal(running.pid, "SIGKILL");
        killed = true;
      }
      await sleep(100);
    }
    // Exited: its guard reaps it in a moment (a JVM whose guard died may stay a zombie, so not for long).
    for (let i = 0; i < 20 && isAlive(running.pid); i++) await sleep(50);
  }
  fs.rmSync(runFile, { force: true });
  return ran;
}

async function launch(opts: LaunchOptions, dir: string, runFile: string, readyTimeoutMs: number, log: (line: string) => void): Promise<{ boltPort: number; startMs: number }> {
  checkJava(opts.java);
  const lib = ensureJars(log);
  const boltPort = opts.boltPort === 0 ? await freePort() : opts.boltPort;
  if (!(await portFree(boltPort))) {
    throw new Error(`port ${boltPort} on 127.0.0.1 is taken by another program; set TECHTREE_NEO4J_BOLT_PORT to a free port (or 0 for any), or NEO4J_URI to use that server`);
  }
  fs.writeFileSync(path.join(dir, "conf", "neo4j.conf"), neo4jConf(boltPort, opts.pageCacheMb));

  const javaArgs = [
    `-Xms${Math.min(512, opts.heapMb)}m`, `-Xmx${opts.heapMb}m`,
    "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED", "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true", "-Dfile.encoding=UTF-8",
    "-cp", `${lib}/*`, "org.neo4j.server.CommunityEntryPoint",
    `--home-dir=${dir}`, `--config-dir=${path.join(dir, "conf")}`,
  ];
  const started = Date.now();
  log(`Starting Neo4j ${NEO4J_VERSION} (bolt://127.0.0.1:${boltPort}, data in ${dir})…`);
  const { consoleLog, neo4jLog } = neo4jLogs(dir);
  const consoleFrom = fs.existsSync(consoleLog) ? fs.statSync(consoleLog).size : 0;
  const out = fs.openSync(consoleLog, "a");
  // The guard runs java and outlives us: detached, in a session of its own, so neither our exit nor
  // a Ctrl-C meant for us (the terminal signals our whole process group) stops a shared server.
  const child = spawn(process.execPath, [guardScript(), dir, opts.java, ...javaArgs], {
    stdio: ["ignore", out, out, "pipe"],
    detached: true,
  });
  fs.closeSync(out);
  const javaPid = await readPid(child);
  writeRunFile(runFile, { pid: javaPid, boltPort, version: NEO4J_VERSION, guard: child.pid });

  let exited = false;
  child.once("exit", () => { exited = true; });
  const deadline = started + readyTimeoutMs;
  let said = 0;
  while (!(await boltAnswers(boltPort, 1000))) {
    const note = startingNote(Date.now() - started, said, readyTimeoutMs, dir);
    if (note) { log(note.line); said = note.said; }
    if (exited) throw new Error(`Neo4j exited during start-up${lastWords(consoleLog, consoleFrom)}; see ${consoleLog} and ${neo4jLog}`);
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`Neo4j did not open bolt port ${boltPort} within ${readyTimeoutMs / 1000}s; see ${neo4jLog}`);
    }
    await sleep(250);
  }
  const startMs = Date.now() - started;
  log(`Neo4j ready on bolt://127.0.0.1:${boltPort} in ${(startMs / 1000).toFixed(1)}s`);
  // From here the guard lives on its own: nothing of it keeps our event loop alive.
  child.removeAllListeners("exit");
  (child.stdio[3] as NodeJS.ReadableStream & { destroy(): void } | null)?.destroy();
  child.unref();
  return { boltPort, startMs };
}

/**
 * Joining (start.lock held) a server whose guard is gone (killed with SIGKILL): starts a guard that
 * watches its JVM, detached like the first, and names it in run.json. Without it, a server whose
 * users then all died would run, holding its memory and the store, until a later command left it.
 */
function guardIfUnguarded(dir: string, home: string, running: RunFile, log: (line: string) => void): void {
  if (running.guard !== undefined && isGuardOf(running.guard, dir)) return;
  const out = fs.openSync(neo4jLogs(dir).consoleLog, "a");
  const child = spawn(process.execPath, [guardScript(), "--watch", dir, String(running.pid)], { stdio: ["ignore", out, out], detached: true });
  fs.closeSync(out);
  child.once("error", (err) => log(`cannot start a guard for the Neo4j of ${home}: ${err.message}`));
  child.unref();
  if (child.pid === undefined) return;
  writeRunFile(path.join(dir, "run.json"), { ...running, guard: child.pid });
  const gone = running.guard === undefined ? "it names no guard" : `its guard (pid ${running.guard}) is gone`;
  log(`The Neo4j of ${home} (pid ${running.pid}): ${gone}; watching it from pid ${child.pid}`);
}

/** Whether pid is alive and, where /proc tells, a guard (guard.js) of this Neo4j folder. */
function isGuardOf(pid: number, dir: string): boolean {
  return runs(pid, (args) => args.includes(dir) && args.some((a) => a.endsWith("guard.js")));
}

/** guard.js beside this module when built, or the built one when this runs from src/ (ts-jest). */
function guardScript(): string {
  const candidates = [path.join(__dirname, "guard.js"), fromRoot("dist", "src", "neo4j", "guard.js")];
  const script = candidates.find((f) => fs.existsSync(f));
  if (!script) throw new Error(`the managed Neo4j's guard is not built (no ${candidates.join(" or ")}); run npm run build`);
  return script;
}

/**
 * The server of this home, once it answers: `run.json` names its JVM. A JVM of this home that does
 * not answer yet is starting (or stopping): wait until it answers or exits. null when there is
 * none, so the caller starts one.
 */
async function awaitRunning(dir: string, home: string, timeoutMs: number, log: (line: string) => void): Promise<RunFile | null> {
  const running = readRunFile(path.join(dir, "run.json"));
  if (!running || !isNeo4jOf(running.pid, dir)) return null;
  if (await boltAnswers(running.boltPort, 1000)) return running;
  log(`Waiting for the Neo4j of ${home} (pid ${running.pid}) that is starting or stopping…`);
  const deadline = Date.now() + timeoutMs;
  while (isNeo4jOf(running.pid, dir)) {
    if (await boltAnswers(running.boltPort, 1000)) return running;
    if (Date.now() > deadline) {
      throw new Error(`the Neo4j of ${home} (pid ${running.pid}) has not opened bolt port ${running.boltPort} in ${timeoutMs / 1000}s; see ${neo4jLogs(dir).neo4jLog}, or stop it (kill ${running.pid})`);
    }
    await sleep(250);
  }
  return null;
}

/** A Java that is not there fails here, in words, rather than as a server that "exited during start-up". */
function checkJava(java: string): void {
  const candidates = java.includes("/") ? [java] : (process.env.PATH ?? "").split(path.delimiter).filter(Boolean).map((d) => path.join(d, java));
  const runnable = candidates.some((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  });
  if (!runnable) {
    throw new Error(`cannot run Java: ${java.includes("/") ? `${java} is not an executable file` : `no "${java}" on PATH`}. The managed Neo4j needs a JDK 17 (or 21): install one, or set TECHTREE_JAVA to its bin/java; or set NEO4J_URI to use an existing Neo4j`);
  }
}

/** The last lines the JVM printed since `from` (its error, without the stack), as ": …" for a message. */
function lastWords(file: string, from: number): string {
  try {
    const fd = fs.openSync(file, "r");
    const size = fs.fstatSync(fd).size;
    const start = Math.max(from, size - 16_384);
    const buf = Buffer.alloc(size - start);
    fs.readSync(fd, buf, 0, buf.length, start);
    fs.closeSync(fd);
    const lines = buf.toString("utf8").split("\n").map((l) => l.trimEnd()).filter((l) => l.trim() && !/^\s+(at |\.\.\. \d+ more)/.test(l));
    return lines.length ? `: ${lines.slice(-3).join(" / ")}` : "";
  } catch {
    return "";
  }
}

/** Whether pid is alive and, where /proc tells, a JVM started for this Neo4j folder (not a reused pid). */
export function isNeo4jOf(pid: number, dir: string): boolean {
  return runs(pid, (args) => args.includes(`--home-dir=${dir}`));
}

/**
 * Whether pid is alive with a command line that `is` accepts (so not a later process given the same
 * pid); alive is enough where there is no /proc to read it from.
 */
function runs(pid: number, is: (args: readonly string[]) => boolean): boolean {
  if (!isAlive(pid)) return false;
  try {
    return is(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0"));
  } catch {
    return true;
  }
}

/** Takes $dir/start.lock (our pid in it), waiting while a live process holds it; returns its release. */
async function takeStartLock(dir: string, timeoutMs: number, log: (line: string) => void): Promise<() => void> {
  const lock = path.join(dir, "start.lock");
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      return () => { if (readPidFile(lock) === process.pid) fs.rmSync(lock, { force: true }); };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") {
        // Created but not written (a full disk): an empty lock reads as one being written, and
        // would hold every later start for the whole timeout.
        if ((err as NodeJS.ErrnoException).syscall === "write") fs.rmSync(lock, { force: true });
        throw err;
      }
    }
    const holder = readPidFile(lock);
    // A holder that died (kill -9) left its lock behind, and no start takes longer than the ready
    // timeout (a lock that old names a reused pid); a file still empty is being written.
    if ((holder !== null && !isAlive(holder)) || Date.now() - mtimeMs(lock) > timeoutMs) {
      fs.rmSync(lock, { force: true });
      continue;
    }
    if (!told) log(`Waiting for another techtree process (pid ${holder ?? "?"}) that is starting or stopping the Neo4j of ${path.dirname(dir)}…`);
    told = true;
    if (Date.now() > deadline) throw new Error(`another techtree process (pid ${holder ?? "?"}) has been starting or stopping the Neo4j of ${path.dirname(dir)} for ${timeoutMs / 1000}s; stop it, or remove ${lock} if no techtree runs`);
    await sleep(250);
  }
}

function mtimeMs(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return Date.now();
  }
}

function readPidFile(file: string): number | null {
  try {
    const n = Number(fs.readFileSync(file, "utf8").trim());
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

function neo4jConf(boltPort: number, pageCacheMb: number): string {
  return [
    "# Written by techtree on every start; edit TECHTREE_NEO4J_* variables instead.",
    "server.default_listen_address=127.0.0.1",
    `server.bolt.listen_address=127.0.0.1:${boltPort}`,
    "server.bolt.tls_level=DISABLED",
    "server.http.enabled=false",
    "server.https.enabled=false",
    // Loopback only and single user: auth adds a password to manage and protects nothing here.
    "dbms.security.auth_enabled=false",
    `server.memory.pagecache.size=${pageCacheMb}m`,
    "dbms.usage_report.enabled=false",
    "db.transaction.timeout=0",
    "",
  ].join("\n");
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  await done;
  clearTimeout(timer);
}

function readPid(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const fd3 = child.stdio[3] as NodeJS.ReadableStream | null;
    if (!fd3) return reject(new Error("guard process has no pid pipe"));
    let buf = "";
    fd3.on("data", (chunk: Buffer) => {
      buf += chunk.toString();
      const line = buf.split("\n")[0];
      if (buf.includes("\n") && line) resolve(Number(line));
    });
    child.once("exit", (code) => reject(new Error(`could not start java (${code}); is TECHTREE_JAVA / JDK 17 installed?`)));
  });
}

/** Whole: run.json is read without start.lock. */
function writeRunFile(file: string, run: RunFile): void {
  writeWhole(file, run);
}

/**
 * Writes `value` as JSON to `file` by renaming a whole temporary file over it, so a reader never
 * sees half a file. The temporary name starts with "." (liveUsers skips such names in users/).
 */
function writeWhole(file: string, value: unknown): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(value));
  fs.renameSync(tmp, file);
}

function readRunFile(file: string): RunFile | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<RunFile>;
    return typeof v.pid === "number" && typeof v.boltPort === "number" ? (v as RunFile) : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True once the port speaks Bolt: it accepts the handshake and answers with a version. */
function boltAnswers(port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    const finish = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once("error", () => finish(false));
    socket.once("connect", () => {
      // Magic preamble, then four proposed versions (5.x range, 4.4, none, none).
      socket.write(Buffer.from([0x60, 0x60, 0xb0, 0x17, 0, 4, 4, 5, 0, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0]));
    });
    socket.once("data", (data) => finish(data.length >= 4));
  });
}

/** Whether a server could listen on host:port now (bolt here; GraphQL's port too, before serve starts anything). */
export function portFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How often a slow start says it is still going (a start under load takes 10-20 s; recovering a store, a minute). */
export const STARTING_NOTE_EVERY_MS = 30_000;

/**
 * The line a start that has taken `elapsedMs` so far prints, when a new multiple of
 * STARTING_NOTE_EVERY_MS has passed since the last one (`said`): a store left by an unclean stop is
 * recovered before bolt opens, which took 50 s at 5,000 papers, and nothing else would show for it.
 */
export function startingNote(elapsedMs: number, said: number, timeoutMs: number, dir: string): { line: string; said: number } | null {
  const step = Math.floor(elapsedMs / STARTING_NOTE_EVERY_MS);
  if (step <= said) return null;
  return {
    line: `Neo4j is still starting (${step * STARTING_NOTE_EVERY_MS / 1000}s of at most ${Math.round(timeoutMs / 1000)}s; after an unclean stop it first recovers its store, which can take a minute; ${neo4jLogs(dir).starting})`,
    said: step,
  };
}

export interface Neo4jLogs {
  readonly folder: string;
  readonly neo4jLog: string;
  readonly consoleLog: string;
  /** While the server starts or does not answer, its logs folder: "logs in /h/neo4j/logs". */
  readonly starting: string;
  /** Once it has stopped, the two files that say why: "see /h/neo4j/logs/neo4j.log and /h/neo4j/console.log". */
  readonly stopped: string;
}

/**
 * Where the logs of the managed Neo4j with data folder `dir` are, as every message that points at
 * them says it: the still-starting note, and the lines of a server lost (an ingest's end, `neo4j
 * start`, watch).
 */
export function neo4jLogs(dir: string): Neo4jLogs {
  const folder = path.join(dir, "logs");
  const neo4jLog = path.join(folder, "neo4j.log");
  const consoleLog = path.join(dir, "console.log");
  return { folder, neo4jLog, consoleLog, starting: `logs in ${folder}`, stopped: `see ${neo4jLog} and ${consoleLog}` };
}
