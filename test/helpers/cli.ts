// Runs the built CLI (npm test builds first) as a child process against the test Neo4j, and waits
// for what it prints.
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";

export const CLI = path.join(__dirname, "..", "..", "bin", "techtree.js");

export interface Running {
  readonly child: ChildProcess;
  /** Everything printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves when the output matches (after `from` characters), or rejects after timeoutMs. */
  waitFor(re: RegExp, timeoutMs?: number, from?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>;
}

export function startCli(args: readonly string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, NEO4J_URI: process.env.TECHTREE_TEST_NEO4J_URI, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString("utf8");
    for (const l of [...listeners]) l();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  let done = false;
  // done is set before the listeners hear of the exit, so a waitFor that did not match fails at once.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) =>
    child.on("exit", (code, signal) => { done = true; for (const l of [...listeners]) l(); resolve({ code, signal, out }); }));
  return {
    child,
    output: () => out,
    exited,
    waitFor(re, timeoutMs = 60_000, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (re.test(out.slice(from))) finish(null);
          else if (done) finish(new Error(`the process exited before printing ${re}:\n${out}`));
        };
        const timer = setTimeout(() => finish(new Error(`no ${re} after ${timeoutMs} ms:\n${out}`)), timeoutMs);
        const finish = (err: Error | null) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (err) reject(err);
          else resolve();
        };
        listeners.add(check);
        check();
      });
    },
  };
}
