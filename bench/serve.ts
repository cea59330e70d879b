// `techtree serve` of this build in a process of its own, for the benches that measure the API as it
// is deployed: bench/api.ts (BENCH_SERVER=process) and bench/cpu.ts.
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { fromRoot } from "../src/paths";

/** `techtree serve --port 0` in its own process, on 127.0.0.1 only, with its request log discarded. */
export async function startApi(uri: string): Promise<{ child: ChildProcess; url: string; stop(): void }> {
  const child = spawn(process.execPath, [path.join(fromRoot("bin"), "techtree.js"), "serve", "--port", "0"], {
    env: { ...process.env, NEO4J_URI: uri, HOST: "127.0.0.1", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "ignore"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`the API did not start: ${out}`)), 60_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/graphql)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once("exit", (code) => reject(new Error(`the API exited (${code}): ${out}`)));
  });
  if (!url.startsWith("http://127.0.0.1:")) throw new Error(`refusing to load anything but loopback: ${url}`);
  return { child, url, stop: () => { child.kill("SIGTERM"); } };
}

