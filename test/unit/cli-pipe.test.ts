// The CLI as one stage of a shell pipeline: a reader that stops early is no error.
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { CLI } from "../helpers/cli";

const seed = path.join(__dirname, "..", "..", "seeds", "000_db28a67034f59696.txt");

test("`techtree extract FILE | head` ends quietly when head closes the pipe", () => {
  const r = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${CLI}" extract "${seed}" | head -c 200`], { encoding: "utf8" });
  expect(r.stdout).toHaveLength(200);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
});
