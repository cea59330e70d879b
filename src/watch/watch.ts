// `techtree watch DIR`: a thin loop over the one ingest path. Every `pollMs` (sooner when the folder
// reports a change) the folder is scanned; a file that has stopped changing is hashed, skipped when
// its content and the extractor version match its newest complete ingest (the graph's (:Ingest)
// log), and otherwise handed to `ingest`, which runs ingestFiles on it. The ingest reads the file
// again and records the hash of what it read, not this one: a file removed or replaced in between
// is recorded as not read (and reported), or by the content that was read. A file that cannot be
// ingested (Neo4j away, batches that kept conflicting) is tried again later with a growing pause;
// a bad file is the ingest report's business (warnings with file:line), and the watch goes on.
// A folder that goes away is waited for (--once: an error), and watched again when it is back.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { IngestReport } from "../ingest/report";
import { FolderTracker, listFiles, type FileState } from "./folder";

/** What the graph remembers about a file's newest complete ingest. */
export interface KnownFile {
  readonly hash: string | null;
  readonly extractorVersion: string | null;
  readonly finishedAt: string | null;
}

export interface WatchOptions {
  readonly dir: string;
  /** A file is read once its size and modification time have not changed for this long. */
  readonly settleMs: number;
  /** How often the folder is scanned when nothing wakes the watch earlier. */
  readonly pollMs: number;
  /** Aborting stops the watch; an ingest in flight finishes its batch first (ingestFiles' signal). */
  readonly signal: AbortSignal;
  /** Ingest the files that are there (once stable), then return, instead of watching on. */
  readonly once?: boolean;
  readonly log: (line: string) => void;
  /** The extractor version ingests use now: a file ingested by another version is read again. */
  readonly extractorVersion: string;
  known(files: readonly string[]): Promise<Map<string, KnownFile>>;
  /**
   * Ingests one file (absolute path) and records the run with the hash of what it read (the report's
   * `inputs`); throws when it could not run.
   */
  ingest(file: string): Promise<IngestReport>;
  /**
   * The graph's Neo4j, looked at between files: `check` answers null while it answers, else which
   * Neo4j is lost and why. Without it (and with --once) a lost Neo4j shows only as files whose
   * ingest could not run.
   */
  readonly neo4j?: { readonly name: string; check(): Promise<Neo4jLoss | null> };
}

/** Why the watch's Neo4j does not answer. */
export interface Neo4jLoss {
  /** Which Neo4j is lost and why, in words. */
  readonly why: string;
  /**
   * Tells one loss from another: a loss is said when it starts and again only when this changes (the
   * server started again on another bolt port, or a new one stopped too), not when only the words of
   * the same loss vary (a driver's error message).
   */
  readonly which: string;
}

export interface WatchSummary {
  /** Files ingested (whatever their reports say). */
  ingested: number;
  /** Files skipped because their content and extractor were unchanged. */
  unchanged: number;
  /** Ingests whose report has rejected records, unwritten batches or errors. */
  withProblems: number;
  /** Ingest attempts that could not run (and were retried, or are left when the watch stopped). */
  failedAttempts: number;
  /** An ingest was cut short by the signal (its batch in flight was finished). */
  interrupted: boolean;
}

/** Pauses after a failed attempt on a file: 5 s, doubling, at most a minute. */
const RETRY_MS = { first: 5_000, max: 60_000 };
/** How often an idle watch looks at its Neo4j (a lost one is looked at every poll, to say soon when it is back). */
const NEO4J_CHECK_MS = 5_000;

export async function watchFolder(opts: WatchOptions): Promise<WatchSummary> {
  const dir = path.resolve(opts.dir);
  const summary: WatchSummary = { ingested: 0, unchanged: 0, withProblems: 0, failedAttempts: 0, interrupted: false };
  const tracker = new FolderTracker(opts.settleMs);
  const retries = new Map<string, { at: number; delay: number }>();
  let wake = new Waker(dir, opts.signal);
  let gone = false;
  /** The loss of the Neo4j last said, null while it answers; when it was last looked at. */
  let lost = null as Neo4jLoss | null;
  let checkedAt = 0;
  try {
    opts.log(`watch: watching ${dir} (a file is read once it has not changed for ${secs(opts.settleMs)}; ${opts.once ? "--once: stops when the files there are done" : "Ctrl-C to stop"})`);
    for (;;) {
      if (opts.signal.aborted) break;
      const now = Date.now();
      const current = filesIfThere(dir);
      // The folder was removed, renamed or unmounted: wait for it to come back (a folder replaced
      // by a sync tool, a share remounted), and watch the new one then.
      if (current === null) {
        if (opts.once) throw new Error(`watch: the folder ${dir} is gone (removed, renamed or unmounted)`);
        if (!gone) opts.log(`watch: the folder ${dir} is gone (removed, renamed or unmounted); waiting for it to come back`);
        gone = true;
        // Closed, the waker only pauses (until the poll or Ctrl-C): there is no folder to report changes.
        wake.close();
        await wake.sleep(opts.pollMs);
        continue;
      }
      if (gone) {
        opts.log(`watch: the folder ${dir} is back; watching it again`);
        gone = false;
        wake = new Waker(dir, opts.signal);
      }
      // A lost Neo4j is waited for (by design: it may be restarting), saying once per loss which one
      // and why, and when it answers again; the files that arrive meanwhile wait with it. A loss is
      // one episode until the Neo4j answers or the loss becomes another (a server started again on
      // another port, which this watch cannot reach, then stopped too): each is said once.
      if (opts.neo4j && !opts.once && (lost !== null || now - checkedAt >= NEO4J_CHECK_MS)) {
        checkedAt = now;
        const loss = await opts.neo4j.check();
        if (loss !== null && loss.which !== lost?.which) opts.log(`watch: Neo4j lost: ${loss.why}. Waiting for it to answer again (files that arrive meanwhile are read once it does; Ctrl-C to stop)`);
        if (loss === null && lost !== null) opts.log(`watch: ${opts.neo4j.name} answers again; watching on`);
        // The words said stay those of the loss's start while it is the same one.
        if (loss === null || loss.which !== lost?.which) lost = loss;
        if (lost !== null) {
          await wake.sleep(opts.pollMs);
          continue;
        }
      }
      const ready = tracker.scan(current, now).filter((f) => (retries.get(f.name)?.at ?? 0) <= now);
      for (const f of ready) {
        if (opts.signal.aborted) break;
        const outcome = await handle(f);
        if (outcome === "retry" && opts.once) {
          // --once does not wait for a retry: the file is left for the next run (the exit code says so).
          tracker.handled(f);
        } else if (outcome === "retry") {
          const prev = retries.get(f.name);
          const delay = prev ? Math.min(prev.delay * 2, RETRY_MS.max) : RETRY_MS.first;
          retries.set(f.name, { at: Date.now() + delay, delay });
          opts.log(`watch: ${f.name}: trying again in ${secs(delay)}`);
          // A file that could not be ingested: Neo4j may be what is gone; look at it now.
          checkedAt = 0;
        } else {
          retries.delete(f.name);
          if (outcome !== "changed") tracker.handled(f);
        }
      }
      if (summary.interrupted || opts.signal.aborted) break;
      // --once: done when every file there has been handled (none is still settling).
      if (opts.once && (filesIfThere(dir) ?? []).every((f) => tracker.isHandled(f))) break;
      await wake.sleep(opts.pollMs);
    }
  } finally {
    wake.close();
  }
  return summary;

  /** One ready file: hash, skip or ingest. "changed": it changed while being hashed (wait for it to settle again). */
  async function handle(f: FileState): Promise<"done" | "retry" | "changed"> {
    const file = path.join(dir, f.name);
    let hash: string;
    try {
      hash = await hashFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") {
        opts.log(`watch: ${f.name}: removed before it could be read`);
        return "done";
      }
      opts.log(`watch: ${f.name}: cannot read (${(err as Error).message})`);
      return "retry";
    }
    const after = filesIfThere(dir)?.find((x) => x.name === f.name);
    if (!after || after.size !== f.size || after.mtimeMs !== f.mtimeMs) return "changed";
    let known: KnownFile | undefined;
    try {
      known = (await opts.known([file])).get(file);
    } catch (err) {
      summary.failedAttempts++;
      opts.log(`watch: ${f.name}: cannot ask the graph what it holds (${(err as Error).message})`);
      return "retry";
    }
    // A file from which nothing was extracted (a binary file, say) records no extractor version.
    if (known?.hash === hash && (known.extractorVersion === opts.extractorVersion || known.extractorVersion === null)) {
      summary.unchanged++;
      opts.log(`watch: ${f.name}: unchanged since its ingest at ${known.finishedAt ?? "?"}; skipped`);
      return "done";
    }
    opts.log(`watch: ${f.name}: ingesting (${f.size.toLocaleString("en")} bytes)`);
    let report: IngestReport;
    try {
      report = await opts.ingest(file);
    } catch (err) {
      summary.failedAttempts++;
      opts.log(`watch: ${f.name}: the ingest could not run: ${(err as Error).message}`);
      return "retry";
    }
    if (report.interrupted) {
      summary.ingested++;
      summary.interrupted = true;
      return "done";
    }
    // The file went (or became unreadable) between the hash and the ingest's read: nothing of it
    // was read, and the run records it so ("" for its hash), so the same content dropped again is read.
    const read = report.inputs.find((i) => i.file === file)?.sha256 ?? null;
    if (read === null) {
      const why = report.messages.find((m) => m.file === file && m.severity === "error")?.message ?? "it was not read to its end";
      if (!fs.existsSync(file)) {
        opts.log(`watch: ${f.name}: removed before it could be read (${why}); not ingested`);
        return "done";
      }
      summary.failedAttempts++;
      opts.log(`watch: ${f.name}: could not be read (${why}); not ingested`);
      return "retry";
    }
    summary.ingested++;
    const problems = report.rejected > 0 || report.failed > 0 || report.messages.some((m) => m.severity === "error");
    if (problems) summary.withProblems++;
    // Batches that concurrent writers kept conflicting with: the next attempt writes them (the rest is unchanged).
    if (report.failed > 0) return "retry";
    if (read !== hash) {
      // Replaced between the hash and the read: the graph holds what was read (and the run says so by
      // its hash); whatever the file holds once it settles is compared with that.
      opts.log(`watch: ${f.name}: changed between its hash and its read; ingested what was read, and will look at it again`);
      return "changed";
    }
    return "done";
  }
}

/** The folder's files, or null when the folder is not there (or no longer a folder). */
function filesIfThere(dir: string): FileState[] | null {
  try {
    return listFiles(dir);
  } catch (err) {
    if (["ENOENT", "ENOTDIR"].includes((err as NodeJS.ErrnoException).code ?? "")) return null;
    throw err;
  }
}

export function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    fs.createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A pause that ends early when the folder reports a change (fs.watch, where it works) or the signal aborts. */
class Waker {
  private watcher: fs.FSWatcher | null = null;
  private poke: (() => void) | null = null;
  private dirty = false;

  constructor(dir: string, private readonly signal: AbortSignal) {
    try {
      this.watcher = fs.watch(dir, { persistent: false }, () => {
        this.dirty = true;
        this.poke?.();
      });
      this.watcher.on("error", () => this.close());
    } catch {
      // Some filesystems cannot be watched; polling alone still sees every change.
      this.watcher = null;
    }
  }

  sleep(ms: number): Promise<void> {
    if (this.dirty || this.signal.aborted) {
      this.dirty = false;
      // Still yield a little, so a burst of events (a file being written) is one scan, not hundreds.
      return new Promise((resolve) => setTimeout(resolve, Math.min(ms, 100)));
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.signal.removeEventListener("abort", done);
        this.poke = null;
        this.dirty = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.signal.addEventListener("abort", done, { once: true });
      this.poke = () => setTimeout(done, 100);
    });
  }

  close(): void {
    this.watcher?.close();
    this.watcher = null;
    // A change reported before closing wakes nothing any more.
    this.dirty = false;
  }
}
