// Where the package's own files live, whether we run from src/ (ts-jest) or dist/src/ (built).
import * as fs from "node:fs";
import * as path from "node:path";

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "techtree") return (root = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find techtree's package.json above ${__dirname}`);
    dir = up;
  }
}

export function fromRoot(...parts: string[]): string {
  return path.join(packageRoot(), ...parts);
}

/** Makes the folder an output file goes into (--report, --out), before any work whose result it holds. */
export function ensureParentDir(file: string): void {
  makeDir(path.dirname(path.resolve(file)));
}

/**
 * `mkdir -p`, failing where Node's own does not return: `fs.mkdirSync(dir, { recursive: true })`
 * loops for ever (one core at 100%, no error) when a folder that exists answers ENOENT for a child,
 * as /proc does (TECHTREE_HOME=/proc). Here a parent is made (or found) once, and a child that is
 * still "not found" after that is the error.
 */
export function makeDir(dir: string): void {
  const target = path.resolve(dir);
  try {
    fs.mkdirSync(target);
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST" && isDir(target)) return;
    const parent = path.dirname(target);
    if (code !== "ENOENT" || parent === target) throw err;
  }
  makeDir(path.dirname(target));
  try {
    fs.mkdirSync(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST" && isDir(target)) return;
    throw err;
  }
}

function isDir(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
