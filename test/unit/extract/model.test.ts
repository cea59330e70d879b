// The committed model is what `npm run train` makes from the gold files, and the in-process scorer
// that `npm run eval` reports with agrees with shared/eval/score.mjs.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractFacts, toContractRecord } from "../../../src/ingest/extract";
import { FOLDS, foldOf, trainModel } from "../../../src/ingest/extract/train/cross-validate";
import { defaultPaths, loadExamples, loadReference, pwcPath } from "../../../src/ingest/extract/train/data";
import { scorePapers } from "../../../src/ingest/extract/train/score";

const root = join(__dirname, "../../..");
const paths = defaultPaths(root);
const shared = existsSync(join(root, "../shared")) ? realpathSync(join(root, "../shared")) : join(root, "../shared");
const withGold = existsSync(join(paths.goldDir, "train/gold.json")) ? test : test.skip;

withGold("npm run train reproduces the committed model exactly", () => {
  const examples = loadExamples(paths);
  const model = trainModel(examples, loadReference(pwcPath(paths)));
  const committed = JSON.parse(readFileSync(join(root, "src/ingest/extract/model/model.json"), "utf8"));
  expect(JSON.parse(JSON.stringify(model))).toEqual(committed);
}, 300_000);

withGold("every fold holds about a fifth of the papers, fixed by the title", () => {
  const examples = loadExamples(paths);
  const sizes = new Array(FOLDS).fill(0);
  for (const e of examples) sizes[foldOf(e.paper.title)]++;
  for (const n of sizes) expect(Math.abs(n - examples.length / FOLDS)).toBeLessThan(examples.length / FOLDS / 3);
  expect(foldOf("FlashAttention:  Fast")).toBe(foldOf("flashattention: fast"));
});

withGold("the in-process scorer gives score.mjs's counts", () => {
  const examples = loadExamples(paths).filter((e) => e.source === "seed");
  const items = examples.map((example) => ({ example, record: toContractRecord(extractFacts(example.paper)) }));
  const pred = join(mkdtempSync(join(tmpdir(), "techtree-")), "pred.json");
  writeFileSync(pred, JSON.stringify(items.map((i) => i.record)));
  const out = JSON.parse(execFileSync("node", [join(shared, "eval/score.mjs"), "--gold", join(paths.goldDir, "seed-gold.json"), "--pred", pred, "--json"], { encoding: "utf8" }));
  const ours = scorePapers(items);
  for (const k of Object.keys(ours.fields) as Array<keyof typeof ours.fields>) {
    expect(ours.fields[k]).toEqual({ tp: out.fields[k].tp, fp: out.fields[k].fp, fn: out.fields[k].fn });
  }
  expect(ours.overall.tp).toBe(out.overall.tp);
});
