// A deterministic synthetic corpus: N abstracts shaped like the seed (a problem statement, a named
// contribution, what it builds on, what it is compared with, on which hardware and datasets), with
// names from the extractor's vocabulary plus invented techniques whose versions build on each other,
// so the graph has realistic lineage chains. Same N and seed -> byte-identical output.
import * as fs from "node:fs";
import * as path from "node:path";

// mulberry32: the same seeded PRNG that makes topics reproducible.
import { mulberry32 as prng } from "../src/topics/detect";

export { prng };

interface Vocabulary { technique: string[]; model: string[]; dataset: string[]; hardware: string[] }

function loadVocabulary(): Vocabulary {
  const file = path.join(__dirname, "..", "..", "src", "ingest", "extract", "vocabulary", "vocabulary.json");
  const alt = path.join(__dirname, "..", "src", "ingest", "extract", "vocabulary", "vocabulary.json");
  const raw = JSON.parse(fs.readFileSync(fs.existsSync(file) ? file : alt, "utf8")) as Record<string, unknown>;
  const names = (k: string) => (raw[k] as string[]).map((e) => e.split("|")[0]!).filter((n) => !n.startsWith("~"));
  return { technique: names("technique"), model: names("model"), dataset: names("dataset"), hardware: names("hardware") };
}

const PREFIX = ["Flash", "Spec", "Paged", "Quant", "Sparse", "Turbo", "Lite", "Hydra", "Echo", "Nova", "Orbit", "Delta", "Vector", "Prism", "Swift", "Atlas", "Helix", "Zephyr", "Cobalt", "Lumen"];
const SUFFIX = ["Attn", "Serve", "Cache", "Tune", "Decode", "Former", "Quant", "Route", "Merge", "Prune", "Scale", "Shard", "Fuse", "Pipe", "Boost"];
const PROBLEMS = [
  "Large language models (LLMs) have shown remarkable capabilities, but their inference cost remains a major obstacle to deployment.",
  "Training deep neural networks at scale is limited by memory bandwidth rather than compute.",
  "Serving long-context requests requires a key-value cache whose size grows linearly with the sequence length.",
  "Retrieval-augmented generation improves factuality, yet retrieval latency dominates end-to-end response time.",
  "Mixture-of-experts architectures scale model capacity, but routing imbalance wastes accelerator time.",
  "Quantization reduces memory footprint, but aggressive low-bit schemes often degrade accuracy.",
];
const FILLER = [
  "Existing approaches either sacrifice accuracy or require expensive retraining.",
  "We analyze the sources of overhead and find that data movement dominates.",
  "Our design is simple to implement and composes with existing serving stacks.",
  "Extensive experiments across model sizes confirm the generality of the approach.",
  "We release our code and models to facilitate future research.",
  "The method requires no changes to the model architecture.",
];
const CATEGORIES = ["cs.LG", "cs.CL", "cs.DC", "cs.AI", "cs.CV", "cs.AR", "stat.ML"];
const NAMES = ["Wei", "Ana", "Ion", "Li", "Tri", "Sara", "Omar", "Yuki", "Elena", "Ravi", "Mia", "Jon", "Chen", "Lea", "Ali", "Zoe"];
const SURNAMES = ["Zhang", "Garcia", "Stoica", "Wang", "Dao", "Kim", "Haddad", "Sato", "Rossi", "Patel", "Novak", "Smith", "Liu", "Meyer", "Khan", "Ito"];

export interface SyntheticPaper { id: string; title: string; abstract: string; authors: string; categories: string; update_date: string }

/** The i-th paper of a corpus; earlier papers' invented names are reused for lineage. */
export function* syntheticPapers(n: number, seed = 42): Generator<SyntheticPaper> {
  const v = loadVocabulary();
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const invented: string[] = [];
  // A set beside the list: \`includes\` on the list made a million papers quadratic (hours).
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    // A new technique, sometimes the next version of an earlier invented one (lineage chains).
    let name: string;
    let parent: string | null = null;
    if (invented.length > 20 && rnd() < 0.3) {
      parent = invented[Math.floor(Math.pow(rnd(), 2) * invented.length)]!;
      const m = /-(\d+)$/.exec(parent);
      name = m ? `${parent.slice(0, -m[0].length)}-${Number(m[1]) + 1}` : `${parent}-2`;
      if (seen.has(name)) name = `${pick(PREFIX)}${pick(SUFFIX)}${i}`;
    } else {
      name = `${pick(PREFIX)}${pick(SUFFIX)}${i % 7 === 0 ? "" : `-${(i % 5) + 1}`}${invented.length > 400 ? i.toString(36) : ""}`;
      if (seen.has(name)) name = `${name}x${i.toString(36)}`;
    }
    invented.push(name);
    seen.add(name);
    const base = parent ?? pick(v.technique);
    const rival = pick(v.technique.concat(v.model));
    const model = pick(v.model);
    const hw = pick(v.hardware);
    const ds = pick(v.dataset);
    const speedup = (1 + rnd() * 3).toFixed(1);
    const sentences = [
      pick(PROBLEMS),
      pick(FILLER),
      `In this paper, we propose ${name}, a method that builds on ${base} to reduce this cost.`,
      `${name} uses ${pick(v.technique)} and keeps the accuracy of ${model}.`,
      pick(FILLER),
      `On ${hw} GPUs, ${name} achieves ${speedup}x higher throughput than ${rival} on the ${ds} benchmark.`,
      pick(FILLER),
    ];
    const authors = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => `${pick(NAMES)} ${pick(SURNAMES)}`);
    const day = 1 + (i % 28);
    yield {
      id: `9${String(Math.floor(i / 100000)).padStart(3, "0")}.${String(i % 100000).padStart(5, "0")}`,
      title: `${name}: ${pick(["Efficient", "Scalable", "Fast", "Accurate", "Memory-Efficient"])} ${pick(["Inference", "Training", "Serving", "Fine-Tuning", "Decoding"])} for ${model}${i % 3 === 0 ? " at Scale" : ""} (${i})`,
      abstract: sentences.join(" "),
      authors: authors.join(", "),
      categories: [pick(CATEGORIES), pick(CATEGORIES)].filter((c, k, a) => a.indexOf(c) === k).join(" "),
      update_date: `2024-${String(1 + (i % 12)).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
    };
  }
}

/** Writes the corpus as arXiv metadata-snapshot JSON Lines; returns the file's size in bytes. */
export function writeCorpus(file: string, n: number, seed = 42): number {
  const fd = fs.openSync(file, "w");
  try {
    let chunk: string[] = [];
    for (const p of syntheticPapers(n, seed)) {
      chunk.push(JSON.stringify(p));
      if (chunk.length === 1000) {
        fs.writeSync(fd, chunk.join("\n") + "\n");
        chunk = [];
      }
    }
    if (chunk.length) fs.writeSync(fd, chunk.join("\n") + "\n");
  } finally {
    fs.closeSync(fd);
  }
  return fs.statSync(file).size;
}

if (require.main === module) {
  const [out, n, seed] = process.argv.slice(2);
  if (!out || !n) {
    process.stderr.write("usage: node dist/bench/corpus.js OUT.jsonl N [SEED]\n");
    process.exit(2);
  }
  const bytes = writeCorpus(out, Number(n), seed ? Number(seed) : 42);
  process.stdout.write(`${out}: ${n} papers, ${(bytes / 1e6).toFixed(1)} MB\n`);
}
