// The guard of a managed Neo4j: `node guard.js DIR JAVA ARGS...` runs the JVM as its child, prints
// the JVM's pid on fd 3 for the launcher, and keeps it running while techtree processes use it.
// The launcher starts it detached, so it outlives the process that started the server. Processes
// that leave normally stop the server themselves when they are the last (launcher.ts); the guard is
// for those that cannot: killed with SIGKILL, or crashed. Once a second no registered process
// is alive, it stops the JVM (under start.lock, like them) and exits. SIGTERM stops it too.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { stopIfUnused } from "./launcher";

const POLL_MS = 1_000;

const [dir, java, ...javaArgs] = process.argv.slice(2);
if (!dir || !java) {
  process.stderr.write("usage: node guard.js NEO4J_DIR JAVA ARGS...\n");
  process.exit(2);
}
const say = (line: string) => process.stderr.write(`techtree neo4j guard (pid ${process.pid}): ${line}\n`);

const jvm = spawn(java, javaArgs, { stdio: ["ignore", "inherit", "inherit"] });
let jvmExited = false;
let checking = false;
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
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => jvm.kill("SIGTERM"));
// No terminal is ours (detached), but a hang-up must not stop a server others use.
process.on("SIGHUP", () => {});

async function check(): Promise<void> {
  checking = true;
  try {
    if (!jvmExited && fs.existsSync(dir!)) {
      if (await stopIfUnused(dir!)) say("no techtree process uses this Neo4j any more; stopped it");
    } else if (!jvmExited) {
      // The home was deleted under the server: nobody can use it.
      jvm.kill("SIGTERM");
    }
  } catch (err) {
    say(`${(err as Error).message}; checking again`);
  } finally {
    checking = false;
  }
  if (jvmExited) process.exit(0);
  setTimeout(() => void check(), POLL_MS);
}
setTimeout(() => void check(), POLL_MS);
