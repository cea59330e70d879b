// The guard of a managed Neo4j: `node guard.js DIR JAVA ARGS...` runs the JVM as its child, prints
// the JVM's pid on fd 3 for the launcher, and keeps it running while techtree processes use it.
// The launcher starts it detached, so it outlives the process that started the server. Processes
// that leave normally stop the server themselves when they are the last (launcher.ts); the guard is
// for those that cannot: killed with SIGKILL, or crashed. Once a second no registered process
// is alive, it stops the JVM (under start.lock, like them) and exits. SIGTERM stops it too.
//
// `node guard.js --watch DIR PID` watches a JVM that is not its child, whose guard died (kill -9):
// a process that joins such a server starts one (launcher.ts), so a JVM whose users then all die is
// still stopped. It stops the JVM the same way, by pid, and exits once that JVM is gone; SIGTERM
// ends the watch and leaves the JVM alone, as it was not this guard's to run.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { isNeo4jOf, stopIfUnused } from "./launcher";

const POLL_MS = 1_000;

const args = process.argv.slice(2);
const watching = args[0] === "--watch";
const [dir, java, ...javaArgs] = watching ? args.slice(1) : args;
const watchedPid = watching ? Number(java) : NaN;
if (!dir || !java || (watching && !(Number.isInteger(watchedPid) && watchedPid > 0))) {
  process.stderr.write("usage: node guard.js NEO4J_DIR JAVA ARGS... | node guard.js --watch NEO4J_DIR JVM_PID\n");
  process.exit(2);
}
const say = (line: string) => process.stderr.write(`techtree neo4j guard (pid ${process.pid}): ${line}\n`);
// No terminal is ours (detached), but a hang-up must not stop a server others use.
process.on("SIGHUP", () => {});

let jvmExited = false;
let checking = false;
/** Stops the JVM without start.lock: only when its home was deleted under it and nobody can use it. */
let killJvm: () => void;

if (watching) {
  jvmExited = !isNeo4jOf(watchedPid, dir);
  killJvm = () => { try { process.kill(watchedPid, "SIGTERM"); } catch { /* gone already */ } };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
} else {
  const jvm = spawn(java, javaArgs, { stdio: ["ignore", "inherit", "inherit"] });
  killJvm = () => jvm.kill("SIGTERM");
  jvm.once("error", (err) => { say(`cannot run ${java}: ${err.message}`); process.exit(1); });
  jvm.once("exit", () => {
    jvmExited = true;
    // Not in the middle of a stop that holds start.lock: that one ends by itself once the JVM is gone.
    if (!checking) process.exit(0);
  });
  if (jvm.pid !== undefined) {
    try {
      fs.writeSync(3, `${jvm.pid}\n`);
      fs.closeSync(3);
    } catch {
      // The launcher died before reading it: its user file names a dead pid, and the check below stops the JVM.
    }
  }
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, killJvm);
}

async function check(): Promise<void> {
  checking = true;
  // A JVM that is not our child tells no exit: see whether it is still there (a reused pid is not it).
  if (watching && !isNeo4jOf(watchedPid, dir!)) jvmExited = true;
  try {
    if (!jvmExited && fs.existsSync(dir!)) {
      if (await stopIfUnused(dir!)) say("no techtree process uses this Neo4j any more; stopped it");
    } else if (!jvmExited) {
      // The home was deleted under the server: nobody can use it.
      killJvm();
    }
  } catch (err) {
    say(`${(err as Error).message}; checking again`);
  } finally {
    checking = false;
  }
  if (watching && !isNeo4jOf(watchedPid, dir!)) jvmExited = true;
  if (jvmExited) process.exit(0);
  setTimeout(() => void check(), POLL_MS);
}
setTimeout(() => void check(), POLL_MS);
