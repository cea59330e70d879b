// Hardware category and vendor, derived from the canonical name with a small curated table.
// First matching rule wins, so specific names (Jetson, Apple M2) come before broad ones (GPU).

export const HARDWARE_CATEGORIES = ["GPU", "CPU", "TPU", "ACCELERATOR", "MOBILE", "MEMORY", "INTERCONNECT", "CLUSTER", "OTHER"] as const;
export type HardwareCategory = (typeof HARDWARE_CATEGORIES)[number];

export interface HardwareClass {
  readonly category: HardwareCategory;
  readonly vendor: string | null;
}

type Rule = readonly [RegExp, HardwareCategory, string | null];

// Matched against the name with spaces and hyphens kept, case-insensitively.
const RULES: readonly Rule[] = [
  // Clusters and systems first: "DGX A100" is a system, not a GPU.
  [/\b(dgx|hgx)\b/i, "CLUSTER", "NVIDIA"],
  [/\b(supercomputer|cluster|pod|superpod|frontier|summit|fugaku|multi-node|nodes?)\b/i, "CLUSTER", null],
  // Interconnects and memory.
  [/\b(nvlink|nvswitch)\b/i, "INTERCONNECT", "NVIDIA"],
  [/\binfiniband\b/i, "INTERCONNECT", null],
  [/\b(pcie|pci express|cxl|ethernet|rdma|roce|tcp\/ip|tcp|network|interconnect)\b/i, "INTERCONNECT", null],
  [/\b(hbm\d?e?|dram|sram|ddr\d?|lpddr\d?x?|gddr\d?x?|nvme|ssds?|disks?|flash memory|cpu memory|host memory|gpu memory|memory|storage)\b/i, "MEMORY", null],
  // Phones and mobile SoCs.
  [/\b(iphone|ipad|a1\d bionic|apple neural engine)\b/i, "MOBILE", "Apple"],
  [/\b(snapdragon|hexagon)\b/i, "MOBILE", "Qualcomm"],
  [/\b(pixel)\b/i, "MOBILE", "Google"],
  [/\b(galaxy|exynos)\b/i, "MOBILE", "Samsung"],
  [/\b(dimensity|helio)\b/i, "MOBILE", "MediaTek"],
  [/\b(kirin)\b/i, "MOBILE", "Huawei"],
  [/\b(smartphones?|phones?|mobile|edge devices?|raspberry pi)\b/i, "MOBILE", null],
  [/\bjetson\b/i, "MOBILE", "NVIDIA"],
  // TPUs and other accelerators.
  [/\btpu/i, "TPU", "Google"],
  [/\b(gaudi\d?|habana)\b/i, "ACCELERATOR", "Intel"],
  [/\b(trainium\d?|inferentia\d?)\b/i, "ACCELERATOR", "AWS"],
  [/\b(ipu|graphcore)\b/i, "ACCELERATOR", "Graphcore"],
  [/\b(cerebras|wse-?\d?)\b/i, "ACCELERATOR", "Cerebras"],
  [/\b(groq|lpu)\b/i, "ACCELERATOR", "Groq"],
  [/\b(ascend|atlas)\b/i, "ACCELERATOR", "Huawei"],
  [/\b(npu|neural processing unit|ai accelerator|accelerators?|asic)\b/i, "ACCELERATOR", null],
  [/\bfpgas?\b/i, "OTHER", null],
  // GPUs.
  [/\b(instinct|mi\d{2,3}x?|radeon|rx ?\d{4})\b/i, "GPU", "AMD"],
  [/\b([ahlbv]\d{2,3}|a\d{4}|[ahbv]100|h200|gh200|gb200|t4|l4|l40s?|p100|k80|rtx|gtx|titan|geforce|quadro|tesla|ampere|hopper|volta|blackwell|cuda|tensor cores?)\b/i, "GPU", "NVIDIA"],
  [/\b(arc a\d{3}|intel gpu|max 1550|ponte vecchio)\b/i, "GPU", "Intel"],
  [/\b(apple m\d|m\d (pro|max|ultra)|apple silicon)\b/i, "MOBILE", "Apple"],
  [/\bgpus?\b/i, "GPU", null],
  // CPUs.
  [/\b(xeon|core i\d|intel cpu)\b/i, "CPU", "Intel"],
  [/\b(epyc|ryzen|threadripper)\b/i, "CPU", "AMD"],
  [/\b(graviton\d?)\b/i, "CPU", "AWS"],
  [/\b(arm|cortex|neoverse)\b/i, "CPU", "Arm"],
  [/\b(cpus?|processors?)\b/i, "CPU", null],
];

export function classifyHardware(name: string, aliases: readonly string[] = []): HardwareClass {
  for (const text of [name, ...aliases]) {
    for (const [re, category, vendor] of RULES) if (re.test(text)) return { category, vendor };
  }
  return { category: "OTHER", vendor: null };
}
