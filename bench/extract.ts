// `npm run bench:extract`: extraction alone, one thread, on real abstracts: the seed page and, when
// ../shared/gold is there, the annotated train set. Prints papers per second of wall time and per
// second of CPU (the figure the >= 300 papers/s/core target is about), the ratio to that target,
// and the load average, since other work on the machine changes the wall figure.
// Usage: node dist/bench/extract.js [ROUNDS]   (default 5; each round extracts every paper 3 times)
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Paper } from "../src/domain";
import { EXTRACTOR_VERSION, extractFacts } from "../src/ingest/extract";
import { defaultPaths } from "../src/ingest/extract/train/data";
import { parseSeedPage } from "../src/ingest/parse/seed-page";

const TARGET = 300;

function papersOf(file: string): Paper[] {
  return fs.existsSync(file) ? [...parseSeedPage(fs.readFileSync(file, "utf8"), file).papers] : [];
}

function main(): void {
  const rounds = Number(process.argv[2] ?? 5);
  const root = path.join(__dirname, "../..");
  const papers = [...papersOf(path.join(root, "seeds/000_db28a67034f59696.txt")), ...papersOf(path.join(defaultPaths(root).goldDir, "train/papers.txt"))];
  for (const p of papers.slice(0, 20)) extractFacts(p); // warm-up: model load, JIT
  const wall: number[] = [];
  const cpu: number[] = [];
  let facts = 0;
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 3; i++) for (const p of papers) facts += extractFacts(p).facts.length;
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    const c = process.cpuUsage(c0);
    wall.push((3 * papers.length) / secs);
    cpu.push((3 * papers.length) / ((c.user + c.system) / 1e6));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  process.stdout.write(`extractor ${EXTRACTOR_VERSION}: ${papers.length} papers x 3 x ${rounds} rounds, ${(facts / (3 * rounds * papers.length)).toFixed(1)} facts per paper\n`);
  process.stdout.write(`| papers/s (wall, median) | papers/s per CPU-second (median) | ratio to ${TARGET}/s/core | load (1 min) |\n|---:|---:|---:|---:|\n`);
  process.stdout.write(`| ${median(wall).toFixed(0)} | ${median(cpu).toFixed(0)} | ${(median(cpu) / TARGET).toFixed(2)}x | ${os.loadavg()[0]!.toFixed(2)} |\n`);
}

main();
