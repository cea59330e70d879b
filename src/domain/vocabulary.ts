// The curated vocabulary (src/ingest/extract/vocabulary/vocabulary.json) as data: its entries, and
// what a name is known as among them. The extractor compiles its matcher from these entries
// (src/ingest/extract/vocabulary.ts); the name look-ups of the API and the explorer read the same
// chips (chipLookup), so "NVIDIA H100" typed into hardware(name) finds what the ingest stored it as.
// Plain data and functions: no matcher, no I/O.
import vocabularyFile from "../ingest/extract/vocabulary/vocabulary.json";
import type { EntityKind } from "./facts";
import { nameKey, nameLookup, type NameLookup } from "./keys";

export interface VocabEntry {
  readonly kind: EntityKind;
  readonly name: string;
  readonly aliases: readonly string[];
  /** Generic entries (attention, LLM) only become facts when a trigger points at them. */
  readonly generic: boolean;
  /** Names as written in the file, with their "=" exact-case marks. */
  readonly raw: readonly string[];
}

const SECTIONS: ReadonlyArray<readonly [keyof typeof vocabularyFile & ("hardware" | "dataset" | "model" | "technique"), EntityKind]> = [
  ["hardware", "Hardware"],
  ["dataset", "Dataset"],
  ["model", "Model"],
  ["technique", "Technique"],
];

function parseEntry(line: string, kind: EntityKind): VocabEntry {
  const generic = line.startsWith("~");
  const parts = (generic ? line.slice(1) : line).split("|").map((s) => s.trim()).filter(Boolean);
  return { kind, name: parts[0]!.replace(/^=/, ""), aliases: parts.slice(1), generic, raw: parts };
}

export const ENTRIES: readonly VocabEntry[] = SECTIONS.flatMap(([section, kind]) =>
  (vocabularyFile[section] as string[]).map((line) => parseEntry(line, kind)),
);

const byKey = new Map<string, VocabEntry>();
for (const e of ENTRIES) {
  for (const n of [e.name, ...e.aliases]) {
    const k = nameKey(n.replace(/^=/, ""));
    if (!byKey.has(k)) byKey.set(k, e);
  }
}

/** The vocabulary entry a name belongs to, by normalised key ("KV-caches" -> KV cache). */
export function lookupName(name: string): VocabEntry | undefined {
  return byKey.get(nameKey(name)) ?? byKey.get(nameKey(name.replace(/s$/, "")));
}

/** Makers that prefix a chip's name ("NVIDIA A100", "Google TPUs"): the chip is the same with or without them. */
const HARDWARE_MAKER = /^(?:nvidia|amd|intel|google|apple|qualcomm|huawei|graphcore|xilinx|amazon|aws|cerebras|samsung|mediatek|arm)(?:'s)?$/i;
/** Words around a chip's model number that say what it is or how much memory it has, not which chip it is. */
const HARDWARE_HEAD = /^(?:gpus?|chips?|cards?|accelerators?|processors?|devices?)$/i;
const MEMORY_SIZE = /^\d+(?:\.\d+)?(?:gb|g|tb)$/i;

/**
 * The chip a hardware name names, without its maker, its memory size and its generic head:
 * "NVIDIA A100 GPUs", "40GB A100 GPUs", "A100-80GB GPU" and "NVIDIA A100s" are all the A100, and
 * "Google TPUs" the TPU: the vocabulary entry when what is left names one, else the bare model
 * number ("NVIDIA H800 GPUs" is the H800). An unknown rest is a chip only with a model number (a
 * digit) and no ordinary lower-case word: "consumer GPUs" and "preemptible T4 GPUs" keep their names.
 */
export function hardwareCore(name: string): { name: string; entry?: VocabEntry } | undefined {
  const tokens = name.trim().split(/\s+/);
  while (tokens.length > 1 && HARDWARE_MAKER.test(tokens[0]!)) tokens.shift();
  while (tokens.length > 1 && HARDWARE_HEAD.test(tokens[tokens.length - 1]!)) tokens.pop();
  const kept = tokens.filter((t) => !MEMORY_SIZE.test(t)).map((t) => t.replace(/-\d+(?:\.\d+)?(?:GB|G|TB)$/i, "").replace(/(\d)s$/, "$1"));
  const core = kept.join(" ");
  if (core === name) return undefined;
  const entry = lookupName(core);
  if (entry) return entry.kind === "Hardware" ? { name: entry.name, entry } : undefined;
  // An unknown chip is its model number and other name words ("RTX 4090"), never an ordinary word.
  return /\d/.test(core) && kept.every((t) => /[\p{Lu}\d]/u.test(t)) ? { name: core } : undefined;
}

/**
 * What a hardware name that names nothing itself is looked up as: the chip the ingest stores it as
 * (hardwareCore), so "NVIDIA H100", "A100-40G" and "NVIDIA A100-80GB GPUs", typed into
 * hardware(name) or a filter, find the H100 and the A100 as the papers that wrote them do. Null when
 * the name is no more than its chip.
 */
export function chipLookup(name: string): NameLookup | null {
  const chip = hardwareCore(name);
  if (!chip) return null;
  const lookup = nameLookup(chip.name);
  return lookup.key && lookup.key !== nameKey(name) ? lookup : null;
}

/**
 * The look-ups a name is tried as, in order, by every name look-up that reads the graph
 * (technique(name) and its kin, papersConnection's filters, the explorer's neighbourhood): the name
 * itself (nameLookup: its key, then its singular), then, when it may name hardware (kind Hardware,
 * or any kind), the chip it names (chipLookup). The first that finds an entity answers.
 */
export function nameLookups(name: string, kind?: EntityKind): NameLookup[] {
  const chip = kind === undefined || kind === "Hardware" ? chipLookup(name) : null;
  return chip ? [nameLookup(name), chip] : [nameLookup(name)];
}
