// What extraction produces for one paper. FactKind is the closed set that drives relationship
// types, the extractor registry and the keys of the `techtree extract --json` contract.
import type { Paper } from "./paper";

export const ENTITY_KINDS = ["Technique", "Model", "Dataset", "Hardware"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** The fields of the extraction contract, in the order the contract prints them. */
export const FACT_KINDS = ["introduces", "builds_on", "compares_to", "hardware", "datasets", "models"] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/** The relationship types a paper's facts are stored as (src/ingest/write). */
export const PAPER_EDGE_TYPES = ["INTRODUCES", "USES", "COMPARES_TO", "EVALUATED_ON"] as const;
export type PaperEdgeType = (typeof PAPER_EDGE_TYPES)[number];

/**
 * The one fact <-> relationship mapping. A fact is stored as (:Paper)-[TYPE {fact: kind}]->(entity),
 * except builds_on when the paper introduces something: then it is that contribution's
 * (entity)-[:BUILDS_ON {paper, fact: "builds_on"}]->(entity). Every stored edge keeps its kind in
 * `fact`, so reading a fact back is reading that property (factOfEdge).
 */
export const RELATIONSHIP_OF_FACT: { readonly [K in FactKind]: PaperEdgeType } = {
  introduces: "INTRODUCES",
  builds_on: "USES",
  compares_to: "COMPARES_TO",
  hardware: "EVALUATED_ON",
  datasets: "USES",
  models: "USES",
};

/** The fact kind an edge stands for, from its `fact` property; null for edges that are no fact (a lineage edge of the vocabulary). */
export function factOfEdge(fact: string | null | undefined): FactKind | null {
  return fact !== null && fact !== undefined && (FACT_KINDS as readonly string[]).includes(fact) ? (fact as FactKind) : null;
}

export interface EntityRef {
  readonly kind: EntityKind;
  /** Canonical display name ("FlashAttention", "KV cache", "A100"). */
  readonly name: string;
  /** nameKey(name) of the canonical name: the node key in the graph. */
  readonly key: string;
  /** Other spellings seen for it (text forms, acronym/expansion, vocabulary aliases). */
  readonly aliases: readonly string[];
  /** An umbrella term of the vocabulary (attention, LLM, GPU): a real fact, but never "trending". */
  readonly generic?: boolean;
}

/** Why we believe a fact: the sentence, where it sits, which rule fired and how much we trust it. */
export interface Evidence {
  readonly sentence: string;
  /** Which text the offsets point into. */
  readonly field: "title" | "abstract";
  readonly start: number;
  readonly end: number;
  /** Name of the rule that produced the fact, e.g. "compare:outperforms". */
  readonly rule: string;
  /** In [0, 1]: how often the rule is right on the development gold set. */
  readonly confidence: number;
}

/** The quantitative part of a comparison ("2.3x higher effective throughput"). */
export interface Claim {
  readonly text: string;
  readonly metric?: string;
  readonly value?: number;
  readonly unit?: string;
  readonly direction?: "higher" | "lower";
}

export interface Fact {
  readonly kind: FactKind;
  readonly entity: EntityRef;
  readonly evidence: Evidence;
  /** Only for compares_to. */
  readonly claim?: Claim;
  /** The text form that was matched, when it differs from the canonical name. */
  readonly mention?: string;
  /** Other names the paper writes for the entity in this role, as written ("T5-XXL" beside "T5-base", both T5). */
  readonly otherMentions?: readonly string[];
}

/** entity BUILDS_ON entity, e.g. FlashAttention-2 -> FlashAttention. */
export interface Lineage {
  readonly from: EntityRef;
  readonly to: EntityRef;
  readonly evidence: Evidence;
}

export interface Facts {
  readonly paper: Paper;
  readonly facts: readonly Fact[];
  readonly lineage: readonly Lineage[];
  /** Version of the extractor that produced these facts (rules + vocabulary). */
  readonly extractorVersion: string;
}

/** One object of `techtree extract --json`, field names as in shared/gold/README.md. */
export type ContractRecord = { readonly title: string } & { readonly [K in FactKind]: readonly string[] };
