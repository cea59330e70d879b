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
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}
