// The `techtree` command. Each subcommand parses its own flags and prints --help.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, readConfig } from "../config";
import { formatMessage, type Facts } from "../domain";
import { emptyReport, EXIT, exitCode, extractInputs, ingest, ingestFiles, summarize, type IngestReport, type Input } from "../ingest/ingest";
import { FORMATS, isFormat, isUrl, type Format } from "../ingest/parse";
import { ensureJars, NEO4J_VERSION, portFree } from "../neo4j/launcher";
import type { Db } from "../graph/db";
import { DatabaseUnavailableError } from "../graph/errors";
import { connect, type Runtime } from "../runtime";
import { ensureParentDir, fromRoot } from "../paths";
import { recomputeTopics } from "../topics/recompute";
import { refreshAfterRun, refreshDerived, type TopicsMode } from "../derived/refresh";
import { EXPORT_HELP, exportCommand } from "../export/command";
import type { KnownFile } from "../watch/watch";
import { listFiles } from "../watch/folder";
import { levenshtein } from "../api/suggest";

const VERSION = "0.1.0";

export class UsageError extends Error {
  /** The command whose --help the hint points to (the main help when absent). */
  constructor(message: string, readonly command?: string) {
    super(message);
  }
}

const MAIN_HELP = `techtree ${VERSION}: a knowledge graph of ML papers, served over GraphQL

Usage: techtree <command> [options]

Commands:
  up                  start Neo4j if needed, ingest seeds/, serve GraphQL (the quick start)
  serve               serve GraphQL over the graph as it is
  ingest FILE...      extract facts from paper files and write them to Neo4j
  watch DIR           ingest every page or export that appears or changes in a folder
  digest              what changed around the entities you follow, as Markdown or JSON
  extract FILE...     extract facts and print them (no database); --json for the scoring contract
  topics              recompute topics (communities of papers) and print them
  export              write the graph or a lineage as GraphML, JSON or CSV (Gephi, Cytoscape)
  neo4j install       fetch the Neo4j ${NEO4J_VERSION} jars from Maven Central (once)
  neo4j start         run the managed Neo4j in the foreground until Ctrl-C

Run 'techtree <command> --help' (or 'techtree help <command>') for a command's options,
'techtree --version' for the version.

Environment:
  NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE   use this Neo4j instead of the managed one
  TECHTREE_HOME        where the managed Neo4j keeps its data (default ./.techtree)
  TECHTREE_NEO4J_BOLT_PORT  bolt port of the managed Neo4j (default 7687; 0 = any free port)
  PORT, HOST           where GraphQL listens (default 127.0.0.1:4000)
  TECHTREE_API_KEY     bearer key the GraphQL mutations need (unset: every mutation is refused)
  The rest (memory, Java, CORS, timeouts): README.md "Configuration".
`;

const HELP: Record<string, string> = {
  extract: `Usage: techtree extract FILE... [--json] [--format ${FORMATS.join("|")}]

Reads paper files (- reads standard input; an http(s) address is fetched; a folder, the files
directly in it, by name) and prints what
extraction finds, without a database:
a block per paper, its names by field, each baseline with the claim made against it.
  --json          one JSON array, an object per paper: {title, introduces, builds_on,
                  compares_to, hardware, datasets, models}, each a list of names
  --format F      input format (default: detected from the content)

Warnings about the input go to stderr as file:line: severity: message, and do not change the exit code.
Exit codes: 0 read; 1 some input could not be read (an error above); 2 usage error (e.g. no such FILE)
`,
  ingest: `Usage: techtree ingest FILE... [--format F] [--batch-size N] [--workers N] [--strict] [--report FILE] [--topics | --no-topics]

Extracts facts from paper files and writes them to Neo4j (NEO4J_URI, or the managed Neo4j
of $TECHTREE_HOME, started if needed). Files are streamed, so any size fits in flat memory.
- reads standard input (held in memory, as for extract). A FILE may be an http(s) address,
read as it downloads:
  techtree ingest https://huggingface.co/api/daily_papers https://rss.arxiv.org/rss/cs.LG
A FILE that is a folder stands for the files directly in it, by name (hidden and unfinished
files such as *.part skipped, subfolders not read, as techtree watch does).
A FILE that does not exist is refused before Neo4j is started (exit 2).
Re-ingesting unchanged papers changes nothing; a paper whose text or extractor changed has its
facts replaced. Stopping at any moment (even kill -9) and running again gives the same graph.
  --format F      input format: ${FORMATS.join(", ")} (default: detected from each file's content)
                  seed: trending-papers pages; arxiv: arXiv metadata snapshot (JSON Lines);
                  s2: Semantic Scholar Graph API papers; openalex: OpenAlex works;
                  hf: Hugging Face papers (api/daily_papers, api/papers/search, api/papers/ID)
                  (the JSON formats as JSON Lines, a JSON array, or an API response with data/results);
                  feed: Atom or RSS (the arXiv API's answers, arXiv's listings at rss.arxiv.org)
  --batch-size N  papers per write transaction (default 500)
  --workers N     extraction threads (default: number of cores; 0 extracts on the main thread)
  --strict        any warning about the input fails the run before anything is written
  --report FILE   also write the report (counts and every warning with file:line) as JSON
  --topics        recompute all topics afterwards
  --no-topics     leave topics as they are (new papers join them at the next ingest)
                  By default new papers join the existing topics, and topics are recomputed
                  when the new papers are more than a fifth of those already in topics.
                  The trending lists are recomputed after every ingest that writes papers;
                  a run that changes nothing leaves topics and trending lists alone when
                  they are current (as the log says), unless --topics is given.

Ctrl-C (SIGINT) finishes the batch being written and stops; run again to resume.

Exit codes:
  0    all papers of the input were ingested (or were already in the graph unchanged)
  3    some were ingested; some records or files were rejected, or some batches could not
       be written because concurrent writers kept conflicting (see the errors; run again)
  4    none was ingested (empty or unreadable input, or --strict found problems)
  130  interrupted by SIGINT after finishing the batch in flight
  1    the run could not go on (e.g. Neo4j unreachable); 2 usage error (e.g. no such FILE)
`,
  serve: `Usage: techtree serve [--port N]

Serves GraphQL at http://localhost:PORT/graphql over the existing graph.
  --port N        listen port (default $PORT or 4000)

Runs with NODE_ENV=production unless NODE_ENV is set: clients get error codes without
internals. NODE_ENV=development adds messages and stack traces to unexpected errors.
`,
  up: `Usage: techtree up [--port N] [--seeds DIR] [--watch DIR]

The quick start: starts the managed Neo4j (unless NEO4J_URI is set), ingests every
*.txt in the seeds folder (not its subfolders), then serves GraphQL until Ctrl-C (NODE_ENV as for serve).
  --port N        listen port (default $PORT or 4000)
  --seeds DIR     folder of seed pages (default: the package's seeds/)
  --watch DIR     also watch this folder while serving, as 'techtree watch DIR' does
`,
  watch: `Usage: techtree watch DIR [--settle MS] [--poll MS] [--once] [--format F] [--batch-size N] [--workers N] [--topics | --no-topics]

Ingests every file that appears or changes in the folder DIR (not its subfolders), one file at a
time, with the same pipeline, progress lines and report as 'techtree ingest'. Files already in the
folder are read first. A file is read once it has stopped changing for --settle milliseconds, so
one still being written is not read half-way; names that say a file is unfinished (dotfiles, ~,
.tmp, .part, .partial, .crdownload, .swp, .download) are never read, so writing to such a name and
renaming it when done hands a file over atomically. A file whose content and extractor version
match its newest complete ingest (the graph's log of runs) is skipped. A bad file is reported
(warnings with file:line, as ingest reports them) and the watch goes on; an ingest that cannot run
is tried again after 5 s, then 10 s, ... at most every minute. A Neo4j that stops answering is
waited for: the watch says once per loss which one (its address; for the managed one its pid and
logs; again if it is started on another bolt port or stops again), holds the files that arrive, and
says when it answers again. A folder that is removed or unmounted
is waited for, and watched again when it comes back.
  --settle MS     quiet time before a file is read (default 2000)
  --poll MS       how often the folder is scanned (default 1000; changes the folder reports wake it sooner)
  --once          ingest what the folder holds, then exit (for cron jobs and scripts)
  --format F, --batch-size N, --workers N, --topics, --no-topics   as for ingest

Ctrl-C (SIGINT) finishes the batch being written and stops; a second Ctrl-C quits at once
(safe too: a restarted watch ingests the file again and ends with the same graph).

Exit codes: 0 stopped while idle, or --once with every file ingested or unchanged; 130 an ingest
was cut short by Ctrl-C; with --once, 3 some file had rejected records or errors, 1 some file
could not be ingested at all (or the folder went away).
`,
  topics: `Usage: techtree topics [--json]

Recomputes topics over the whole graph (Louvain communities of papers linked by shared
phrases, entities and lineage; deterministic), then the trending lists, and prints the topics.
Papers stream from Neo4j, so any graph size fits in bounded memory (100,000 papers: see
docs/benchmarks.md). After an ingest, new papers join the existing topics by themselves and
topics are recomputed when the new papers outgrow a fifth of those already in topics.
  --json          print the topics as a JSON array
`,
  digest: `Usage: techtree digest [--since SPAN|DATE] [--follow NAME,NAME...] [--format md|json] [--first N] [--no-variants]

Prints what changed: how many papers were stored in the period and by which ingests, and for each
followed name (any kind, matched like technique(name)) what the new papers state about it, with
the evidence sentence and the claim: that they introduce it, build on it, compare to it, use it,
run on it, and the hardware new papers about it run on; and the corrections people made or undid
in the period that touch it (a fact about it added or rejected, the entity merged, renamed, split
or given another kind). Markdown is ready to paste into a team channel; JSON is the same for
scripts. A paper is new from when techtree first stored it. A followed model's or chip's sizes
count as it (following Llama 2, a new paper on Llama-2-7B is listed, its fact naming the size).
  --since S       a span back from now (30m, 12h, 7d, 2w) or a moment (2026-12-01, 2026-12-01T09:00:00Z);
                  default 7d
  --follow NAMES  comma-separated names; without it the digest lists the new papers
  --format F      md (default) or json
  --first N       at most N papers and N corrections per followed name (1..100, default 100)
  --no-variants   a followed name's own papers only, without its sizes'
`,
  export: EXPORT_HELP,
  neo4j: `Usage: techtree neo4j install|start

  install   lay out the Neo4j ${NEO4J_VERSION} jars with Maven (first run downloads ~120 MB)
  start     run the managed Neo4j of $TECHTREE_HOME in the foreground until Ctrl-C (when another
            techtree process started it already, keep that one up until Ctrl-C); at Ctrl-C it
            stops, unless other techtree processes still use it: the last of them stops it
`,
};

// On a terminal the line first clears the progress bar (the bar is drawn again on its next update),
// so a retry line in the middle of an ingest does not land after the bar's text.
const log = (line: string) => process.stderr.write((process.stderr.isTTY ? "\r\x1b[K" : "") + line + "\n");

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    // `techtree help ingest` is `techtree ingest --help`, as git and npm read it.
    const topic = command === "help" ? rest[0] : undefined;
    if (topic !== undefined) {
      const help = HELP[topic];
      if (!help) throw new UsageError(unknownCommand(topic));
      process.stdout.write(help);
      return 0;
    }
    process.stdout.write(MAIN_HELP);
    return command ? 0 : 2;
  }
  if (command === "--version" || command === "-v") {
    process.stdout.write(VERSION + "\n");
    return 0;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    const help = HELP[command];
    if (!help) throw new UsageError(unknownCommand(command));
    process.stdout.write(help);
    return 0;
  }
  try {
    return await runCommand(command, rest);
  } catch (err) {
    // node:util parseArgs names the option alone; say which command it is not an option of, and the nearest one that is.
    const unknown = (err as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? /^Unknown option '([^']+)'/.exec((err as Error).message) : null;
    if (unknown && HELP[command]) throw new UsageError(unknownOption(command, unknown[1]!), command);
    throw err;
  }
}

function runCommand(command: string, rest: readonly string[]): Promise<number> {
  switch (command) {
    case "extract": return extractCommand(rest);
    case "ingest": return ingestCommand(rest);
    case "watch": return watchCommand(rest);
    case "digest": return digestCommand(rest);
    case "serve": return serveCommand(rest, false);
    case "up": return serveCommand(rest, true);
    case "topics": return topicsCommand(rest);
    case "export": return exportCommand(rest, readConfig(), log);
    case "neo4j": return neo4jCommand(rest);
    default: throw new UsageError(unknownCommand(command));
  }
}

/** The nearest of `names` to a mistyped `word`, if any is within two edits (a swapped pair of letters is two). */
function nearest(word: string, names: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = levenshtein(word.toLowerCase(), name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function unknownCommand(command: string): string {
  const close = nearest(command, Object.keys(HELP));
  return `unknown command "${command}"${close ? `; did you mean "${close}"?` : ""}`;
}

/** A command's options are the ones its help's usage lines name, so the two cannot drift apart. */
function commandOptions(command: string): string[] {
  const usage = (HELP[command] ?? "").split("\n\n")[0]!;
  return [...new Set(usage.match(/--[a-z][a-z-]*/g) ?? [])];
}

function unknownOption(command: string, option: string): string {
  const options = commandOptions(command);
  const close = option.startsWith("--") ? nearest(option, options) : undefined;
  const hint = close ? `did you mean ${close}?` : options.length ? `its options are ${options.join(", ")}` : "it takes no options";
  return `unknown option ${option} for 'techtree ${command}'; ${hint}`;
}

async function extractCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args], allowPositionals: true,
    options: { json: { type: "boolean", default: false }, format: { type: "string" } },
  });
  if (positionals.length === 0) throw new UsageError("extract needs at least one FILE");
  checkFilesExist("extract", positionals);
  const report = emptyReport();
  // The same reader, de-duplication and extraction as ingest, so extract reports the same warnings.
  const records: Facts[] = [];
  const inputs = await readInputs(expandFolders(positionals));
  for await (const facts of extractInputs(inputs, { format: formatOption(values.format) }, report)) records.push(facts);
  for (const m of report.messages) log(formatMessage(m));
  // The extractor and the API server load only for the commands that use them (each is tens of MB).
  const { toContractRecord } = await import("../ingest/extract");
  if (values.json) {
    process.stdout.write(JSON.stringify(records.map(toContractRecord), null, 1) + "\n");
  } else {
    for (const facts of records) {
      const { title, ...fields } = toContractRecord(facts);
      const claims = new Map(facts.facts.flatMap((f) => (f.kind === "compares_to" && f.claim ? [[f.mention ?? f.entity.name, f.claim.text] as const] : [])));
      process.stdout.write(`\n${title}\n`);
      for (const [kind, names] of Object.entries(fields)) {
        const shown = kind === "compares_to" ? names.map((n) => (claims.has(n) ? `${n} (${claims.get(n)})` : n)) : names;
        if (shown.length) process.stdout.write(`  ${kind.padEnd(12)} ${shown.join(", ")}\n`);
      }
    }
  }
  return report.messages.some((m) => m.severity === "error") ? 1 : 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * extract's and ingest's FILE arguments with each folder replaced by the files directly in it, by
 * name (as the shell's DIR/* gives them), skipping what `watch` skips: hidden and unfinished files
 * and subfolders. A folder with nothing to read is a usage error, before Neo4j is started.
 */
function expandFolders(files: readonly string[]): string[] {
  return files.flatMap((f) => {
    if (f === "-" || isUrl(f) || !fs.statSync(f).isDirectory()) return [f];
    const inside = listFiles(f).map((file) => file.name).sort();
    if (inside.length === 0) throw new UsageError(`the folder ${f} holds no file to read (hidden and unfinished files such as *.part are skipped, subfolders are not read)`);
    return inside.map((name) => path.join(f, name));
  });
}

/** extract's and ingest's FILE arguments as inputs: "-" is standard input, read here (once). */
function readInputs(files: readonly string[]): Promise<Input[]> {
  if (files.filter((f) => f === "-").length > 1) throw new UsageError("standard input (-) can be read only once");
  return Promise.all(files.map(async (file) => (file === "-" ? { file: "stdin", text: await readStdin() } : { file })));
}

/**
 * FILE arguments that name nothing (not "-", not an http(s) address, no such path), refused before
 * anything is read (and, for ingest, before Neo4j is started). A name with glob characters is most likely a pattern the shell left as it was
 * (quoted, or matching nothing), so the hint says so.
 */
function checkFilesExist(command: "extract" | "ingest", files: readonly string[]): void {
  const missing = files.filter((f) => f !== "-" && !isUrl(f) && !fs.existsSync(f));
  if (missing.length === 0) return;
  const lines = missing.map((f) =>
    /[*?[\]{}]/.test(f)
      ? `no such file ${f} (a pattern the shell did not expand: write it without quotes, techtree ${command} ${f}, and check that it matches some file)`
      : `no such file ${f}`);
  throw new UsageError(lines.join("\ntechtree: "));
}

async function ingestCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args], allowPositionals: true,
    options: {
      format: { type: "string" }, "batch-size": { type: "string" }, workers: { type: "string" },
      strict: { type: "boolean", default: false }, report: { type: "string" },
      topics: { type: "boolean", default: false }, "no-topics": { type: "boolean", default: false },
    },
  });
  if (positionals.length === 0) throw new UsageError("ingest needs at least one FILE");
  if (values.topics && values["no-topics"]) throw new UsageError("--topics and --no-topics contradict each other; pick one");
  const batchSize = values["batch-size"] === undefined ? 500 : positiveInt(values["batch-size"], "--batch-size");
  const workers = values.workers === undefined ? os.availableParallelism() : nonNegativeInt(values.workers, "--workers");
  const format = formatOption(values.format);
  if (values.report) ensureParentDir(values.report);
  checkFilesExist("ingest", positionals);
  const inputs = await readInputs(expandFolders(positionals));
  const rt = await connect(readConfig(), log);
  // SIGINT: stop reading, finish the batch being written, report.
  const stop = new AbortController();
  const offSigint = stopOnSigint(stop, "ingest: stopping after the batch in flight (Ctrl-C again to quit now)");
  try {
    // Before the run: edges an older techtree left unkeyed are keyed (one line), whatever this run writes.
    await rt.prepare().catch((err: unknown) => { throw lostDatabase(err, rt); });
    const report = await ingest(rt.db, inputs, {
      format, batchSize, workers, strict: values.strict, signal: stop.signal, log, progress: process.stderr,
      afterWrite: (r) => afterRun(rt.db, r, values.topics ? "recompute" : values["no-topics"] ? "skip" : "auto", stdout),
    }).catch((err: unknown) => { throw lostDatabase(err, rt); });
    // A --strict run that found problems wrote nothing and never reached afterWrite.
    if (report.strictFailed) process.stdout.write(summarize(report) + "\n");
    if (values.report) fs.writeFileSync(values.report, JSON.stringify({ ...report, exitCode: exitCode(report) }, null, 1) + "\n");
    return exitCode(report);
  } finally {
    offSigint();
    await rt.close();
  }
}

const stdout = (line: string) => process.stdout.write(line + "\n");

/**
 * Ctrl-C (SIGINT) for the commands that write in batches (ingest, watch): the first says `line` and
 * aborts `stop`, so the batch being written is finished; a second exits at once (safe too: every
 * batch is one transaction, and a re-run resumes). Returns what removes the handler.
 */
function stopOnSigint(stop: AbortController, line: string): () => void {
  const onSigint = () => {
    if (stop.signal.aborted) process.exit(EXIT.interrupted);
    log(line);
    stop.abort();
  };
  process.on("SIGINT", onSigint);
  return () => { process.off("SIGINT", onSigint); };
}

/**
 * Neo4j lost in the middle of an ingest (its JVM killed, or the server of NEO4J_URI down for longer
 * than the retries): says what happened, that the batches written before stay, and that the same
 * command completes the graph (each batch is one transaction, and a re-run finds what is there).
 */
function lostDatabase(err: unknown, rt: Runtime): unknown {
  if (!(err instanceof DatabaseUnavailableError)) return err;
  const what = rt.managed?.gone() ?? (err as Error).message;
  return new Error(`${what}. The batches written before stay written; run the same command again to complete the graph`);
}

/**
 * What every ingest run (ingest, up, watch) does once its papers are written: its summary (`print`:
 * stdout for ingest and watch, the log for up, whose stdout is the serving line), then topics and
 * trending unless the run was interrupted or changed nothing and they are current
 * (src/derived/refresh.ts refreshAfterRun), with a line saying which.
 */
async function afterRun(db: Db, report: IngestReport, mode: TopicsMode, print: (line: string) => void): Promise<void> {
  print(summarize(report));
  const r = await refreshAfterRun(db, report, mode);
  if (!r.refreshed) {
    if (r.reason === "current") log("Derived: nothing changed; topics and trending lists are current, not recomputed");
    return;
  }
  const topics = r.topics === "recomputed" ? `${r.count} topics recomputed` : r.topics === "placed" ? `${r.count} ${r.count === 1 ? "paper" : "papers"} without a topic placed into topics` : `topics ${r.topics}`;
  log(`Derived: ${topics} (${(r.topicsMs / 1000).toFixed(1)}s), trending lists (${(r.trendsMs / 1000).toFixed(1)}s)`);
}

async function serveCommand(args: readonly string[], quickStart: boolean): Promise<number> {
  const { values } = parseArgs({
    args: [...args], allowPositionals: false,
    options: { port: { type: "string" }, seeds: { type: "string" }, watch: { type: "string" } },
  });
  // --seeds and --watch are up's: serve reads no folder, so it refuses them rather than ignore them.
  if (!quickStart && values.seeds !== undefined) throw new UsageError("serve has no --seeds: it serves the graph as it is; 'techtree up --seeds DIR' ingests a folder first, 'techtree ingest FILE...' adds files");
  if (!quickStart && values.watch !== undefined) throw new UsageError("serve has no --watch: 'techtree up --watch DIR' serves and watches, or run 'techtree watch DIR' beside serve");
  const config = readConfig(values.port === undefined ? process.env : { ...process.env, PORT: portFlag(values.port) });
  const watchDir = typeof values.watch === "string" ? checkFolder(values.watch, "--watch") : null;
  const seedsDir = quickStart ? checkFolder(values.seeds ?? fromRoot("seeds"), "--seeds") : null;
  // Before Neo4j and the seed ingest: a port that is taken would otherwise fail only at the end.
  if (config.port !== 0 && !(await portFree(config.port, config.host))) throw new Error(portTaken(config.port, config.host));
  const rt = await connect(config, log);
  const watching = new AbortController();
  let watch: Promise<unknown> = Promise.resolve();
  let stop = async () => { await rt.close(); };
  try {
    await rt.prepare();
    if (seedsDir) {
      const files = fs.readdirSync(seedsDir).filter((f) => f.endsWith(".txt")).sort().map((f) => path.join(seedsDir, f));
      log(`Ingesting ${files.length} seed file(s) from ${seedsDir}…`);
      await ingestFiles(rt.db, files, {
        log, record: { source: "up" },
        afterWrite: (report) => afterRun(rt.db, report, "auto", log),
      });
    }
    const { startServer } = await import("../api/server");
    const server = await startServer(rt.db, config, log);
    stop = async () => { await server.stop(); await rt.close(); };
    process.stdout.write(`techtree is serving GraphQL at ${server.url} (Ctrl-C to stop)\n`);
    if (watchDir) {
      // Beside the server, in this process: the watch's ingests run while queries are answered.
      watch = runWatch(rt, watchDir, { ...WATCH_DEFAULTS, signal: watching.signal }).catch((err: unknown) => {
        log(`watch: stopped: ${(err as Error).message}`);
      });
    }
  } catch (err) {
    await rt.close();
    // Taken while Neo4j started and the seeds were read.
    if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") throw new Error(portTaken(config.port, config.host));
    throw err;
  }
  await new Promise<void>((resolve) => {
    const onSignal = () => { log("Stopping…"); resolve(); };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  });
  // The watch finishes the batch it is writing, then the server drains and Neo4j stops.
  watching.abort();
  await watch;
  await stop();
  return 0;
}

interface WatchFlags {
  readonly settleMs: number;
  readonly pollMs: number;
  readonly once: boolean;
  readonly format?: Format;
  readonly batchSize: number;
  readonly workers: number;
  readonly topics: TopicsMode;
  readonly signal: AbortSignal;
}

const WATCH_DEFAULTS = { settleMs: 2_000, pollMs: 1_000, once: false, batchSize: 500, workers: os.availableParallelism(), topics: "auto" } as const;

async function watchCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args], allowPositionals: true,
    options: {
      settle: { type: "string" }, poll: { type: "string" }, once: { type: "boolean", default: false },
      format: { type: "string" }, "batch-size": { type: "string" }, workers: { type: "string" },
      topics: { type: "boolean", default: false }, "no-topics": { type: "boolean", default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError("watch needs exactly one folder: techtree watch DIR");
  if (values.topics && values["no-topics"]) throw new UsageError("--topics and --no-topics contradict each other; pick one");
  const dir = checkFolder(positionals[0]!, "watch");
  const stop = new AbortController();
  const flags: WatchFlags = {
    settleMs: values.settle === undefined ? WATCH_DEFAULTS.settleMs : nonNegativeInt(values.settle, "--settle"),
    pollMs: values.poll === undefined ? WATCH_DEFAULTS.pollMs : positiveInt(values.poll, "--poll"),
    once: values.once,
    format: formatOption(values.format),
    batchSize: values["batch-size"] === undefined ? WATCH_DEFAULTS.batchSize : positiveInt(values["batch-size"], "--batch-size"),
    workers: values.workers === undefined ? WATCH_DEFAULTS.workers : nonNegativeInt(values.workers, "--workers"),
    topics: values.topics ? "recompute" : values["no-topics"] ? "skip" : "auto",
    signal: stop.signal,
  };
  const rt = await connect(readConfig(), log);
  // SIGINT as for ingest: the batch being written is finished, then the watch stops.
  const offSigint = stopOnSigint(stop, "watch: stopping (an ingest in flight finishes its batch first; Ctrl-C again to quit now)");
  try {
    await rt.prepare();
    const summary = await runWatch(rt, dir, flags);
    log(`watch: stopped: ${summary.ingested} file(s) ingested, ${summary.unchanged} unchanged, ${summary.withProblems} with problems` +
      (summary.failedAttempts ? `, ${summary.failedAttempts} ingest attempt(s) that could not run` : ""));
    if (summary.interrupted) return EXIT.interrupted;
    if (flags.once && summary.failedAttempts > 0) return EXIT.failed;
    if (flags.once && summary.withProblems > 0) return EXIT.some;
    return EXIT.all;
  } finally {
    offSigint();
    await rt.close();
  }
}

async function digestCommand(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args], allowPositionals: false,
    options: {
      since: { type: "string", default: "7d" }, follow: { type: "string" }, format: { type: "string", default: "md" }, first: { type: "string" },
      "no-variants": { type: "boolean", default: false },
    },
  });
  const { digestJson, digestMarkdown } = await import("../follow/digest");
  const { followList, MAX_FOLLOW, parseSince, readChanges } = await import("../follow/changes");
  const now = new Date();
  const since = parseSince(values.since, now);
  if (!since) throw new UsageError(`--since takes a span (30m, 12h, 7d, 2w) or a date (2026-12-01, 2026-12-01T09:00:00Z), not "${values.since}"`);
  if (values.format !== "md" && values.format !== "json") throw new UsageError(`--format is md or json, not "${values.format}"`);
  const follow = values.follow === undefined ? [] : followList(values.follow);
  if (values.follow !== undefined && follow.length === 0) throw new UsageError("--follow needs names, comma-separated: --follow FlashAttention,vLLM");
  if (follow.length > MAX_FOLLOW) throw new UsageError(`--follow takes at most ${MAX_FOLLOW} names`);
  const first = values.first === undefined ? 100 : positiveInt(values.first, "--first");
  if (first > 100) throw new UsageError("--first is at most 100");
  const config = readConfig();
  const rt = await connect(config, log);
  try {
    await rt.prepare();
    const changes = await readChanges(rt.db, { since, follow, first, now, includeVariants: !values["no-variants"] });
    process.stdout.write(values.format === "json" ? digestJson(changes) : digestMarkdown(changes));
    // "0 new papers" from a graph nothing was ever ingested into is most likely the wrong graph (a
    // cron job in another folder gets a new, empty ./.techtree), not a quiet day: say which it read.
    if (changes.ingests.length === 0 && changes.paperCount === 0 && (await rt.db.read("read/ingests", { since: null, first: 1 })).length === 0) {
      const where = config.neo4j.uri ?? `the managed Neo4j of TECHTREE_HOME=${config.home}`;
      log(`digest: no ingest run is recorded in this graph at all (${where}); set TECHTREE_HOME or NEO4J_URI to the graph your ingests and watch write to`);
    }
    return 0;
  } finally {
    await rt.close();
  }
}

/** The watch loop (src/watch) over the one ingest path: each ready file is an ingestFiles run of its own. */
async function runWatch(rt: Runtime, dir: string, flags: WatchFlags) {
  const { db, managed } = rt;
  // The version decides whether an unchanged file must be read again; the extractor module carries it.
  const { EXTRACTOR_VERSION } = await import("../ingest/extract");
  const { watchFolder } = await import("../watch/watch");
  return watchFolder({
    dir, settleMs: flags.settleMs, pollMs: flags.pollMs, once: flags.once, signal: flags.signal, log,
    extractorVersion: EXTRACTOR_VERSION,
    neo4j: {
      name: `the Neo4j at ${db.uri}`,
      check: async () => {
        try {
          await db.verify();
          return null;
        } catch (err) {
          // The managed server's sentence names its pid, port and state (stopped, started again
          // elsewhere, not answering): when it changes, the loss is another. A server of NEO4J_URI is
          // one loss until it answers, whatever the driver's message says from one look to the next.
          if (managed) {
            const why = managed.lost();
            return { why, which: why };
          }
          return { why: `the Neo4j at ${db.uri} does not answer (${(err as Error).message})`, which: db.uri };
        }
      },
    },
    known: async (files) => {
      const rows = await db.read<{ file: string } & KnownFile>("read/ingested-files", { files });
      return new Map(rows.map((r) => [r.file, r]));
    },
    ingest: async (file) => {
      // Topics and trending before the run is on the log (afterWrite), so a run the log lists is whole.
      return ingestFiles(db, [file], {
        format: flags.format, batchSize: flags.batchSize, workers: flags.workers, signal: flags.signal, log,
        progress: process.stderr, record: { source: "watch" },
        afterWrite: (report) => afterRun(db, report, flags.topics, stdout),
      });
    },
  });
}

function portTaken(port: number, host: string): string {
  return `port ${port} on ${host} is taken by another program (a techtree already serving?); use --port or PORT to pick a free port (0 for any)`;
}

function checkFolder(dir: string, what: string): string {
  let isDir = false;
  try {
    isDir = fs.statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`${what}: no folder ${dir}`);
  }
  if (!isDir) throw new UsageError(`${what}: ${dir} is a file, not a folder`);
  return path.resolve(dir);
}

async function topicsCommand(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...args], allowPositionals: false, options: { json: { type: "boolean", default: false } } });
  const rt = await connect(readConfig(), log);
  try {
    await rt.prepare();
    const topics = await recomputeTopics(rt.db);
    await refreshDerived(rt.db, "skip");
    if (values.json) process.stdout.write(JSON.stringify(topics, null, 1) + "\n");
    else for (const t of topics) process.stdout.write(`${String(t.size).padStart(4)}  ${t.name}${t.entities.length ? `  [${t.entities.slice(0, 4).join(", ")}]` : ""}\n`);
    return 0;
  } finally {
    await rt.close();
  }
}

async function neo4jCommand(args: readonly string[]): Promise<number> {
  const sub = args[0];
  // Neither takes options (the home and port come from the environment): a word after it is a mistake, not a no-op.
  if ((sub === "install" || sub === "start") && args.length > 1) {
    throw new UsageError(`'neo4j ${sub}' takes no options or arguments, not ${args.slice(1).join(" ")} (set TECHTREE_HOME and TECHTREE_NEO4J_BOLT_PORT instead)`, "neo4j");
  }
  if (sub === "install") {
    const lib = ensureJars(log);
    log(`Neo4j ${NEO4J_VERSION} jars are in ${lib}`);
    return 0;
  }
  if (sub === "start") {
    const config = readConfig();
    if (config.neo4j.uri) throw new UsageError("NEO4J_URI is set: techtree uses that server and starts none");
    const rt: Runtime = await connect(config, log);
    // Started here or by another techtree process, the server stays up until Ctrl-C here; then it
    // stops unless other techtree processes still use it (the last of them stops it).
    const by = rt.managed?.owned ? "" : `, started by another techtree process on ${config.home}`;
    process.stdout.write(`Neo4j is running at ${rt.managed?.uri}${by} (Ctrl-C to stop)\n`);
    // Watched once a second: signal listeners alone keep no process alive, so when the server died
    // under it (kill -9, a crash) this command ended with nothing said, once the driver's last
    // connection closed.
    let watch: NodeJS.Timeout | undefined;
    const gone = await new Promise<string | null>((resolve) => {
      watch = setInterval(() => { const why = rt.managed?.gone(); if (why) resolve(why); }, 1000);
      process.once("SIGINT", () => resolve(null));
      process.once("SIGTERM", () => resolve(null));
    });
    clearInterval(watch);
    await rt.close();
    if (gone) throw new Error(`${gone}; run techtree neo4j start again to start it (Neo4j recovers its store)`);
    return 0;
  }
  if (sub === undefined) throw new UsageError(`neo4j needs "install" or "start"`);
  const close = nearest(sub, ["install", "start"]);
  throw new UsageError(`neo4j needs "install" or "start", not "${sub}"${close ? `; did you mean "${close}"?` : ""}`, "neo4j");
}

function formatOption(v: string | undefined): Format | undefined {
  if (v === undefined) return undefined;
  if (!isFormat(v)) throw new UsageError(`unknown --format "${v}"; use one of ${FORMATS.join(", ")}`);
  return v;
}

function nonNegativeInt(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} takes a whole number (0 or more), not "${v}"`);
  return n;
}

function positiveInt(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} takes a positive whole number, not "${v}"`);
  return n;
}

/** --port, checked here so that its error names the flag rather than the PORT variable it overrides. */
function portFlag(v: string): string {
  if (!/^\d+$/.test(v.trim()) || Number(v) > 65535) throw new UsageError(`--port takes a whole number from 0 to 65535, not "${v}"`);
  return v.trim();
}

export function runCli(argv: readonly string[]): void {
  // A reader that has seen enough (`techtree extract FILE | head`) closes the pipe: stop quietly.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    process.exit(process.exitCode ?? 0);
  });
  main(argv).then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      // node:util parseArgs's own errors (an unknown option, a value that starts with a dash) are usage errors too.
      if (err instanceof UsageError && err.command) {
        process.stderr.write(`techtree: ${err.message}\nRun 'techtree ${err.command} --help' for its options.\n`);
        process.exitCode = 2;
      } else if (err instanceof UsageError || err instanceof ConfigError || String((err as { code?: string }).code).startsWith("ERR_PARSE_ARGS_")) {
        process.stderr.write(`techtree: ${(err as Error).message}\nRun 'techtree --help' for usage.\n`);
        process.exitCode = 2;
      } else {
        process.stderr.write(`techtree: ${(err as Error).message ?? String(err)}\n`);
        if (process.env.TECHTREE_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
        process.exitCode = 1;
      }
    },
  );
}
