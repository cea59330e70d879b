// Progress for people: a bar with papers/s and ETA on a terminal, a log line every few seconds
// otherwise. The ETA comes from bytes read, the only size known before a streamed input ends.
import { formatRate } from "./report";

export interface ProgressSnapshot {
  readonly papers: number;
  readonly written: number;
  readonly bytes: number;
}

export class Progress {
  private readonly started = Date.now();
  private last: number;
  private drawn = false;
  private logged?: ProgressSnapshot;

  constructor(
    private readonly totalBytes: number,
    private readonly out: { write(s: string): unknown; isTTY?: boolean },
    private readonly intervalMs = out.isTTY ? 200 : 10_000,
  ) {
    // A terminal draws at once; a log's first line comes after an interval, so a short run logs one line.
    this.last = out.isTTY ? 0 : this.started;
  }

  update(s: ProgressSnapshot, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < this.intervalMs) return;
    this.last = now;
    const line = this.describe(s, now);
    if (this.out.isTTY) {
      this.out.write(`\r${line}\x1b[K`);
      this.drawn = true;
    } else {
      this.out.write(`ingest: ${line}\n`);
      this.logged = { ...s };
    }
  }

  done(s: ProgressSnapshot): void {
    const l = this.logged;
    const said = l !== undefined && l.papers === s.papers && l.written === s.written && l.bytes === s.bytes;
    if (!said) this.update(s, true);
    if (this.drawn) this.out.write("\n");
  }

  describe(s: ProgressSnapshot, now = Date.now()): string {
    const secs = Math.max((now - this.started) / 1000, 0.001);
    const fraction = this.totalBytes > 0 ? Math.min(s.bytes / this.totalBytes, 1) : 0;
    const rate = s.written / secs;
    const eta = fraction > 0 && fraction < 1 ? (secs / fraction) * (1 - fraction) : 0;
    const width = 24;
    const filled = Math.round(fraction * width);
    const bar = this.out.isTTY ? `[${"#".repeat(filled)}${".".repeat(width - filled)}] ` : "";
    const left = fraction < 1 ? `  ETA ${clock(eta)}` : "";
    return `${bar}${(fraction * 100).toFixed(0)}%  ${s.papers} read, ${s.written} done  ${formatRate(rate)} papers/s${left}`;
  }
}

function clock(secs: number): string {
  const s = Math.round(secs);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return `${h ? `${h}:` : ""}${String(m).padStart(h ? 2 : 1, "0")}:${String(r).padStart(2, "0")}`;
}
