// Which files of a watched folder are ready to read. A file is ready once its size and modification
// time have stayed the same for `settleMs` (a writer still appending changes one or both), and it is
// not a file that was already handled with the same size and time. Files that name themselves as
// unfinished (dotfiles, "~", .tmp, .part, .partial, .crdownload, .swp, .download) are never read:
// writing to such a name and renaming it when done is the way to hand over a file atomically.
import * as fs from "node:fs";
import * as path from "node:path";

export interface FileState {
  readonly name: string;
  readonly size: number;
  readonly mtimeMs: number;
}

const UNFINISHED = /(^\.|~$|\.(tmp|temp|part|partial|crdownload|swp|download)$)/i;

/** Whether a file name says the file is not finished yet (or is hidden). */
export function isUnfinishedName(name: string): boolean {
  return UNFINISHED.test(name);
}

/** The regular files directly in `dir` (not subfolders), with size and modification time. */
export function listFiles(dir: string): FileState[] {
  const out: FileState[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (isUnfinishedName(entry.name)) continue;
    try {
      const st = fs.statSync(path.join(dir, entry.name));
      if (st.isFile()) out.push({ name: entry.name, size: st.size, mtimeMs: st.mtimeMs });
    } catch {
      // Removed between the listing and the stat: it is simply not there.
    }
  }
  return out;
}

interface Tracked {
  size: number;
  mtimeMs: number;
  /** When this size and time were first seen. */
  seenAt: number;
  /** The size and time that were last handled (read, or found unchanged). */
  done: string | null;
}

const signature = (f: { size: number; mtimeMs: number }) => `${f.size}:${f.mtimeMs}`;

/**
 * Tracks a folder across scans. `scan` takes the folder's current files and returns those that are
 * ready, oldest modification first; `handled` marks a file's current state as dealt with, so it is
 * not returned again until it changes.
 */
export class FolderTracker {
  private readonly files = new Map<string, Tracked>();

  constructor(private readonly settleMs: number) {}

  scan(current: readonly FileState[], now: number): FileState[] {
    const seen = new Set<string>();
    const ready: FileState[] = [];
    for (const f of current) {
      seen.add(f.name);
      let t = this.files.get(f.name);
      if (!t) this.files.set(f.name, (t = { size: f.size, mtimeMs: f.mtimeMs, seenAt: now, done: null }));
      else if (t.size !== f.size || t.mtimeMs !== f.mtimeMs) Object.assign(t, { size: f.size, mtimeMs: f.mtimeMs, seenAt: now });
      if (t.done === signature(f)) continue;
      // Quiet for settleMs: by our own observation, or by its modification time (a file that was
      // already there, untouched, when the watch started need not be watched for settleMs first).
      if (now - t.seenAt >= this.settleMs || now - f.mtimeMs >= this.settleMs) ready.push(f);
    }
    for (const name of [...this.files.keys()]) if (!seen.has(name)) this.files.delete(name);
    return ready.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The file's state `f` is dealt with; a later change makes it ready again. */
  handled(f: FileState): void {
    const t = this.files.get(f.name);
    if (t) t.done = signature(f);
  }

  /** Whether `f`'s current state has been dealt with. */
  isHandled(f: FileState): boolean {
    return this.files.get(f.name)?.done === signature(f);
  }
}
