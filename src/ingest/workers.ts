// Extraction on worker threads, so both cores extract while the main thread reads and writes.
// With 0 workers (or when the compiled worker script is missing, as under ts-jest) extraction
// runs in this thread: the results are the same, since extractFacts is pure.
import * as fs from "node:fs";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { Facts, Paper } from "../domain";
import { fromRoot } from "../paths";

/**
 * A worker's old-generation cap. A worker's live set is about 20 MB, but V8 sizes a new isolate's
 * first old-generation limit from the process-wide maximum (a few GB on a big machine) and collects
 * little before reaching it, so uncapped workers grew by about 4 MB per 1,000 papers. With a cap, the
 * heap stays flat and the extraction rate does not change (bench/run.ts measures both). It leaves
 * room for the largest paper the parser accepts (an 8 MB line).
 */
const WORKER_HEAP_MB = 256;

export type ExtractOutcome = { readonly facts: Facts } | { readonly error: string };

export interface Extractor {
  readonly workers: number;
  /** Extracts a batch; outcomes are in the order of the papers. */
  extract(papers: readonly Paper[]): Promise<ExtractOutcome[]>;
  close(): Promise<void>;
}

export function workerScript(): string | null {
  const candidates = [path.join(__dirname, "extract-worker.js"), fromRoot("dist", "src", "ingest", "extract-worker.js")];
  return candidates.find((f) => fs.existsSync(f)) ?? null;
}

export function createExtractor(workers: number): Extractor {
  const script = workers > 0 ? workerScript() : null;
  return script ? new WorkerPool(script, workers) : inProcess();
}

function inProcess(): Extractor {
  // Loaded here, not at the top: with workers the main thread never extracts, and the extractor's
  // vocabulary automaton and NLP model are about 50 MB the ingest process need not carry.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { extractFacts } = require("./extract") as typeof import("./extract");
  return {
    workers: 0,
    async extract(papers) {
      return papers.map((paper) => {
        try {
          return { facts: extractFacts(paper) };
        } catch (err) {
          return { error: (err as Error).message ?? String(err) };
        }
      });
    },
    async close() {},
  };
}

interface Job {
  readonly id: number;
  readonly papers: readonly Paper[];
  resolve(outcomes: ExtractOutcome[]): void;
  reject(err: Error): void;
}

class WorkerPool implements Extractor {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private nextId = 0;
  private failure: Error | null = null;

  constructor(script: string, readonly workers: number) {
    for (let i = 0; i < workers; i++) {
      const w = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      w.on("message", (msg: { id: number; outcomes: ExtractOutcome[] }) => {
        const job = this.busy.get(w);
        this.busy.delete(w);
        this.idle.push(w);
        job?.resolve(msg.outcomes);
        this.pump();
      });
      w.on("error", (err) => this.fail(err));
      this.idle.push(w);
    }
  }

  extract(papers: readonly Paper[]): Promise<ExtractOutcome[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, papers, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(w, job);
      w.postMessage({ id: job.id, papers: job.papers });
    }
  }

  /** A worker that dies takes the run with it: its batch cannot be written. */
  private fail(err: Error): void {
    this.failure = new Error(`extraction worker failed: ${err.message}`);
    for (const job of [...this.busy.values(), ...this.queue]) job.reject(this.failure);
    this.busy.clear();
    this.queue.length = 0;
  }

  async close(): Promise<void> {
    await Promise.all([...this.idle, ...this.busy.keys()].map((w) => w.terminate()));
  }
}
