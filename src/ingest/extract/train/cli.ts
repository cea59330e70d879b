// npm run train: rebuilds src/ingest/extract/model/model.json from the gold files.
// npm run eval:  5-fold cross-validation by paper over seed + train, in score.mjs's layout.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { crossValidate, DEFAULT_TRAIN, FOLDS, trainModel } from "./cross-validate";
import { defaultPaths, loadExamples, loadReference, pwcPath } from "./data";
import { formatScore, prf } from "./score";

function main(argv: readonly string[]): number {
  const command = argv[0];
  if (command !== "train" && command !== "eval") {
    process.stderr.write(
      "usage: node dist/src/ingest/extract/train/cli.js train|eval [--pred FILE]\n" +
        "  train        rebuild src/ingest/extract/model/model.json from ../shared/gold\n" +
        "  eval         5-fold cross-validation by paper (the quality figure to report)\n" +
        "  --pred FILE  (eval) also write every paper's out-of-fold prediction as extract --json does,\n" +
        "               for `node ../shared/eval/score.mjs --details --gold GOLD --pred FILE`\n" +
        "TECHTREE_GOLD_DIR overrides ../shared/gold.\n",
    );
    return 2;
  }
  const t0 = performance.now();
  const paths = defaultPaths();
  const examples = loadExamples(paths);
  const reference = loadReference(pwcPath(paths));
  const seed = examples.filter((e) => e.source === "seed").length;
  process.stderr.write(`${examples.length} annotated papers (${seed} seed, ${examples.length - seed} train) from ${paths.goldDir}; ${reference.pwc.length} Papers with Code names, ${Object.keys(reference.terms).length} description phrases\n`);
  if (command === "train") {
    const model = trainModel(examples, reference, DEFAULT_TRAIN);
    const out = resolve(process.cwd(), "src/ingest/extract/model/model.json");
    const text = JSON.stringify(model) + "\n";
    writeFileSync(out, text);
    process.stdout.write(`wrote ${out}: ${Object.keys(model.weights).length} features, ${Object.keys(model.lexicon).length} lexicon keys, ${(text.length / 1024).toFixed(0)} KiB in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    return 0;
  }
  const options = { ...DEFAULT_TRAIN, ...(JSON.parse(process.env.TECHTREE_TRAIN_OPTIONS ?? "{}") as Partial<typeof DEFAULT_TRAIN>) };
  const cv = crossValidate(examples, reference, options, (f) => process.stderr.write(`fold ${f + 1}/${FOLDS} done\n`));
  process.stdout.write(`${FOLDS}-fold cross-validation by paper: papers ${cv.score.papers}\n`);
  for (const line of formatScore(cv.score)) process.stdout.write(line + "\n");
  for (const src of ["seed", "train"] as const) {
    const { precision, recall, f1 } = prf(cv.bySource[src].overall);
    process.stdout.write(`(${src} papers only: P ${precision.toFixed(3)}  R ${recall.toFixed(3)}  F1 ${f1.toFixed(3)})\n`);
  }
  const predFile = argv[argv.indexOf("--pred") + 1];
  if (argv.includes("--pred") && predFile) {
    writeFileSync(predFile, JSON.stringify(cv.predictions, null, 1) + "\n");
    process.stderr.write(`wrote ${cv.predictions.length} out-of-fold predictions to ${predFile}\n`);
  }
  process.stdout.write(`calibration: ECE ${cv.ece.toFixed(3)} over ${cv.facts} facts (10 bins)\n`);
  process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
