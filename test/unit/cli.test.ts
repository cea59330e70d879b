// The CLI as a process: in a shell pipeline, and its usage errors (exit 2, the flag named).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CLI } from "../helpers/cli";

const seed = path.join(__dirname, "..", "..", "seeds", "000_db28a67034f59696.txt");

test("`techtree extract FILE | head` ends quietly when head closes the pipe", () => {
  const r = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${CLI}" extract "${seed}" | head -c 200`], { encoding: "utf8" });
  expect(r.stdout).toHaveLength(200);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
});

test("a bad --port names the flag, not the PORT variable it overrides", () => {
  for (const port of ["abc", "70000"]) {
    const r = spawnSync(process.execPath, [CLI, "serve", "--port", port], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`techtree: --port takes a whole number from 0 to 65535, not "${port}"`);
  }
});

test("a flag value that starts with a dash is a usage error (exit 2), as parseArgs reads it", () => {
  const r = spawnSync(process.execPath, [CLI, "digest", "--since", "-5d"], { encoding: "utf8" });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain("use '--since=-XYZ'");
});

test("a folder given as FILE stands for the files directly in it, by name, as DIR/* would", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-folder-"));
  try {
    fs.copyFileSync(path.join(__dirname, "..", "fixtures", "arxiv-snapshot.jsonl"), path.join(dir, "2.jsonl"));
    fs.copyFileSync(seed, path.join(dir, "1.txt"));
    // What watch skips is skipped here too: hidden, unfinished, subfolders.
    fs.writeFileSync(path.join(dir, ".hidden.txt"), "Hidden\n\nNot read.\n");
    fs.writeFileSync(path.join(dir, "3.txt.part"), "Unfinished\n\nNot read.\n");
    fs.mkdirSync(path.join(dir, "sub"));
    const byFolder = spawnSync(process.execPath, [CLI, "extract", dir, "--json"], { encoding: "utf8" });
    const byFiles = spawnSync(process.execPath, [CLI, "extract", path.join(dir, "1.txt"), path.join(dir, "2.jsonl"), "--json"], { encoding: "utf8" });
    const seedOnly = spawnSync(process.execPath, [CLI, "extract", seed, "--json"], { encoding: "utf8" });
    expect(byFolder.status).toBe(0);
    expect(byFolder.stdout).toBe(byFiles.stdout);
    expect((JSON.parse(byFolder.stdout) as unknown[]).length).toBeGreaterThan((JSON.parse(seedOnly.stdout) as unknown[]).length);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a folder with nothing to read is a usage error that says what was skipped", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-folder-"));
  try {
    fs.writeFileSync(path.join(dir, "x.part"), "");
    for (const command of ["extract", "ingest"]) {
      // ingest refuses before any Neo4j: NEO4J_URI names no server.
      const r = spawnSync(process.execPath, [CLI, command, dir], { encoding: "utf8", env: { ...process.env, NEO4J_URI: "bolt://127.0.0.1:1" } });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`the folder ${dir} holds no file to read (hidden and unfinished files such as *.part are skipped, subfolders are not read)`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("serve and up on a GraphQL port that is taken say so at once, before any Neo4j is started or seed read", async () => {
  const net = await import("node:net");
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    for (const command of ["serve", "up"]) {
      // NEO4J_URI names no server: reaching for Neo4j first would fail with "cannot reach Neo4j".
      const r = spawnSync(process.execPath, [CLI, command, "--port", String(port)], {
        encoding: "utf8", env: { ...process.env, NEO4J_URI: "bolt://127.0.0.1:1", HOST: "127.0.0.1" },
      });
      expect(r.stderr).toBe(`techtree: port ${port} on 127.0.0.1 is taken by another program (a techtree already serving?); use --port or PORT to pick a free port (0 for any)\n`);
      expect(r.status).toBe(1);
    }
  } finally {
    blocker.close();
  }
});

test("a managed Neo4j without a Java to run it says which Java is missing and what to set", () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-nojava-"));
  try {
    for (const [java, why] of [["/nonexistent/bin/java", "/nonexistent/bin/java is not an executable file"], ["no-such-java", 'no "no-such-java" on PATH']]) {
      const r = spawnSync(process.execPath, [CLI, "digest"], {
        encoding: "utf8", env: { ...process.env, NEO4J_URI: "", TECHTREE_HOME: home, TECHTREE_JAVA: java },
      });
      expect(r.stderr).toBe(`techtree: cannot run Java: ${why}. The managed Neo4j needs a JDK 17 (or 21): install one, or set TECHTREE_JAVA to its bin/java; or set NEO4J_URI to use an existing Neo4j\n`);
      expect(r.status).toBe(1);
    }
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test("up --seeds names a folder that is not there at once, before Neo4j is started", () => {
  // NEO4J_URI names no server: reaching for Neo4j first would fail with "cannot reach Neo4j".
  const r = spawnSync(process.execPath, [CLI, "up", "--port", "0", "--seeds", "/nonexistent/seeds"], {
    encoding: "utf8", env: { ...process.env, NEO4J_URI: "bolt://127.0.0.1:1" },
  });
  expect(r.stderr).toBe("techtree: --seeds: no folder /nonexistent/seeds\nRun 'techtree --help' for usage.\n");
  expect(r.status).toBe(2);
});

test("a TECHTREE_HOME where the managed Neo4j cannot keep its data says which variable to change", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-home-"));
  const home = path.join(dir, "a-file");
  fs.writeFileSync(home, "");
  try {
    const r = spawnSync(process.execPath, [CLI, "digest"], { encoding: "utf8", env: { ...process.env, NEO4J_URI: "", TECHTREE_HOME: home } });
    expect(r.stderr).toBe(`techtree: cannot keep the managed Neo4j's data in TECHTREE_HOME=${home}: ${home} or a folder in it is a file (ENOTDIR); set TECHTREE_HOME to a folder techtree may write, or NEO4J_URI to use an existing Neo4j\n`);
    expect(r.status).toBe(1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a TECHTREE_HOME under /proc, where no folder can be made, fails at once with exit 1 instead of spinning", () => {
  // Node's own recursive mkdir loops for ever on /proc (a folder that answers ENOENT for any child).
  for (const home of ["/proc", "/proc/techtree/home"]) {
    const r = spawnSync(process.execPath, [CLI, "digest"], { encoding: "utf8", timeout: 30_000, env: { ...process.env, NEO4J_URI: "", TECHTREE_HOME: home } });
    expect({ home, signal: r.signal, status: r.status, stderr: r.stderr }).toEqual({
      home, signal: null, status: 1,
      stderr: `techtree: cannot keep the managed Neo4j's data in TECHTREE_HOME=${home}: no folder can be made in /proc (ENOENT); set TECHTREE_HOME to a folder techtree may write, or NEO4J_URI to use an existing Neo4j\n`,
    });
  }
});

/** A tmpfs mounted at a new folder with these options, where this test may mount one (root on Linux); null elsewhere. */
function tmpfs(options: string): { dir: string; done(): void } | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-fs-"));
  if (spawnSync("mount", ["-t", "tmpfs", "-o", options, "none", dir]).status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return { dir, done: () => { spawnSync("umount", [dir]); fs.rmSync(dir, { recursive: true, force: true }); } };
}

test("a TECHTREE_HOME on a full or read-only file system fails with exit 1, says why, and leaves no empty start.lock behind", () => {
  const full = tmpfs("size=64k");
  const readOnly = tmpfs("ro,size=64k");
  if (!full || !readOnly) {
    full?.done();
    readOnly?.done();
    console.warn("skipped: cannot mount a tmpfs here (needs root on Linux)");
    return;
  }
  try {
    // Fill it: folders still fit on a full tmpfs, the first file write does not.
    spawnSync("dd", ["if=/dev/zero", `of=${path.join(full.dir, "fill")}`, "bs=4k"]);
    const cases = [[path.join(full.dir, "home"), `the file system of ${path.join(full.dir, "home")} is full (ENOSPC)`], [readOnly.dir, `${readOnly.dir} is not writable (EROFS)`]];
    for (const [home, why] of cases) {
      const r = spawnSync(process.execPath, [CLI, "digest"], { encoding: "utf8", timeout: 30_000, env: { ...process.env, NEO4J_URI: "", TECHTREE_HOME: home } });
      expect({ status: r.status, stderr: r.stderr }).toEqual({
        status: 1,
        stderr: `techtree: cannot keep the managed Neo4j's data in TECHTREE_HOME=${home}: ${why}; set TECHTREE_HOME to a folder techtree may write, or NEO4J_URI to use an existing Neo4j\n`,
      });
    }
    // An empty lock reads as one being written: the next start, once there is room, would wait two minutes for it.
    expect(fs.existsSync(path.join(full.dir, "home", "neo4j", "start.lock"))).toBe(false);
  } finally {
    full.done();
    readOnly.done();
  }
});

test("ingest names FILE arguments that do not exist before Neo4j is started, with a hint for a pattern the shell left alone", () => {
  // NEO4J_URI names no server: reaching for Neo4j first would fail with "cannot reach Neo4j".
  const r = spawnSync(process.execPath, [CLI, "ingest", "/nonexistent/seeds/*.txt", seed, "/nonexistent/page.txt", "https://example.invalid/feed"], {
    encoding: "utf8", env: { ...process.env, NEO4J_URI: "bolt://127.0.0.1:1" },
  });
  expect(r.stderr).toBe(
    "techtree: no such file /nonexistent/seeds/*.txt (a pattern the shell did not expand: write it without quotes, techtree ingest /nonexistent/seeds/*.txt, and check that it matches some file)\n" +
    "techtree: no such file /nonexistent/page.txt\nRun 'techtree --help' for usage.\n",
  );
  expect(r.status).toBe(2);
});

test("`techtree help COMMAND` prints that command's help, as `techtree COMMAND --help` does", () => {
  for (const command of ["ingest", "serve", "up", "watch", "digest", "extract", "topics", "export", "neo4j"]) {
    const viaHelp = spawnSync(process.execPath, [CLI, "help", command], { encoding: "utf8" });
    const viaFlag = spawnSync(process.execPath, [CLI, command, "--help"], { encoding: "utf8" });
    expect({ command, status: viaHelp.status, stdout: viaHelp.stdout }).toEqual({ command, status: 0, stdout: viaFlag.stdout });
  }
  const unknown = spawnSync(process.execPath, [CLI, "help", "bogus"], { encoding: "utf8" });
  expect(unknown.stderr).toBe("techtree: unknown command \"bogus\"\nRun 'techtree --help' for usage.\n");
  expect(unknown.status).toBe(2);
  // The main help says both ways, and names --version, which it answers.
  const main = spawnSync(process.execPath, [CLI, "--help"], { encoding: "utf8" });
  expect(main.stdout).toContain("techtree help <command>");
  expect(main.stdout).toContain("--version");
});

test("serve refuses up's --seeds and --watch (exit 2, before Neo4j) instead of serving without them", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-serve-flags-"));
  try {
    // NEO4J_URI names no server: a serve that ignored the flag would go on to fail with "cannot reach Neo4j".
    const env = { ...process.env, NEO4J_URI: "bolt://127.0.0.1:1" };
    const seeds = spawnSync(process.execPath, [CLI, "serve", "--port", "0", "--seeds", dir], { encoding: "utf8", env });
    expect(seeds.stderr).toBe("techtree: serve has no --seeds: it serves the graph as it is; 'techtree up --seeds DIR' ingests a folder first, 'techtree ingest FILE...' adds files\nRun 'techtree --help' for usage.\n");
    expect(seeds.status).toBe(2);
    const watch = spawnSync(process.execPath, [CLI, "serve", "--port", "0", "--watch", dir], { encoding: "utf8", env });
    expect(watch.stderr).toBe("techtree: serve has no --watch: 'techtree up --watch DIR' serves and watches, or run 'techtree watch DIR' beside serve\nRun 'techtree --help' for usage.\n");
    expect(watch.status).toBe(2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("extract refuses FILE arguments that do not exist as ingest does (exit 2), with the hint for a pattern the shell left alone", () => {
  const r = spawnSync(process.execPath, [CLI, "extract", "/nonexistent/seeds/*.txt", seed, "--json"], { encoding: "utf8" });
  expect(r.stderr).toBe(
    "techtree: no such file /nonexistent/seeds/*.txt (a pattern the shell did not expand: write it without quotes, techtree extract /nonexistent/seeds/*.txt, and check that it matches some file)\n" +
    "Run 'techtree --help' for usage.\n",
  );
  expect(r.stdout).toBe("");
  expect(r.status).toBe(2);
});

test("a mistyped command or option suggests the nearest one and exits 2, before anything runs", () => {
  // NEO4J_URI names no server: a command that ran would fail with "cannot reach Neo4j" and exit 1.
  const env = { ...process.env, NEO4J_URI: "bolt://127.0.0.1:1" };
  const cases: [string[], string][] = [
    [["ingset", seed], "techtree: unknown command \"ingset\"; did you mean \"ingest\"?\nRun 'techtree --help' for usage.\n"],
    [["help", "ingset"], "techtree: unknown command \"ingset\"; did you mean \"ingest\"?\nRun 'techtree --help' for usage.\n"],
    [["extract", seed, "--jsno"], "techtree: unknown option --jsno for 'techtree extract'; did you mean --json?\nRun 'techtree extract --help' for its options.\n"],
    [["digest", "--folow", "vLLM"], "techtree: unknown option --folow for 'techtree digest'; did you mean --follow?\nRun 'techtree digest --help' for its options.\n"],
    [["serve", "--prot", "4000"], "techtree: unknown option --prot for 'techtree serve'; did you mean --port?\nRun 'techtree serve --help' for its options.\n"],
    [["neo4j", "strat"], "techtree: neo4j needs \"install\" or \"start\", not \"strat\"; did you mean \"start\"?\nRun 'techtree neo4j --help' for its options.\n"],
    [["neo4j", "start", "--port", "7688"], "techtree: 'neo4j start' takes no options or arguments, not --port 7688 (set TECHTREE_HOME and TECHTREE_NEO4J_BOLT_PORT instead)\nRun 'techtree neo4j --help' for its options.\n"],
    [["export", "--depht", "2"], "techtree: unknown option --depht for 'techtree export'; did you mean --depth?\nRun 'techtree export --help' for its options.\n"],
    // Nothing close: the command's options are listed instead.
    [["ingest", seed, "--jsno"], "techtree: unknown option --jsno for 'techtree ingest'; its options are --format, --batch-size, --workers, --strict, --report, --topics, --no-topics\nRun 'techtree ingest --help' for its options.\n"],
  ];
  for (const [args, stderr] of cases) {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env });
    expect({ args, stderr: r.stderr, status: r.status }).toEqual({ args, stderr, status: 2 });
  }
});
