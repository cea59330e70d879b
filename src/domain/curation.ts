// Fact ids and corrections: the public names of what people curate. A fact id names a stored fact by
// what it is (paper, kind, entity), not by when it was written, so the same fact extracted again (a
// re-ingest, another source of the paper, a new extractor) has the same id and its correction holds.
import { ENTITY_KINDS, FACT_KINDS, type EntityKind, type FactKind } from "./facts";

/**
 * A stored fact: a paper edge (:Paper)-[TYPE {fact}]->(entity), or a lineage edge
 * (from)-[:BUILDS_ON {paper}]->(to) that a paper states.
 */
export type FactRef =
  | { readonly paper: string; readonly fact: FactKind; readonly entity: string }
  | { readonly paper: string; readonly from: string; readonly to: string };

const LINEAGE = "BUILDS_ON";

/** "p_…|compares_to|technique:vllm" or "p_…|BUILDS_ON|technique:flashattention2|technique:flashattention". */
export function factIdOf(ref: FactRef): string {
  return "entity" in ref ? `${ref.paper}|${ref.fact}|${ref.entity}` : `${ref.paper}|${LINEAGE}|${ref.from}|${ref.to}`;
}

const PAPER = /^[px]_[0-9a-f]{16}$/;
const ENTITY = new RegExp(`^(${ENTITY_KINDS.map((k) => k.toLowerCase()).join("|")}):[^|]+$`);

/** The fact a fact id names, or null when it is not one. */
export function parseFactId(id: string): FactRef | null {
  const parts = id.split("|");
  if (!PAPER.test(parts[0] ?? "")) return null;
  if (parts.length === 3 && (FACT_KINDS as readonly string[]).includes(parts[1]!) && ENTITY.test(parts[2]!)) {
    return { paper: parts[0]!, fact: parts[1] as FactKind, entity: parts[2]! };
  }
  if (parts.length === 4 && parts[1] === LINEAGE && ENTITY.test(parts[2]!) && ENTITY.test(parts[3]!)) {
    return { paper: parts[0]!, from: parts[2]!, to: parts[3]! };
  }
  return null;
}

/** "technique:flashattention" -> Technique; null when the id names no entity kind. */
export function kindOfEntityId(id: string): EntityKind | null {
  const word = id.slice(0, id.indexOf(":"));
  return ENTITY_KINDS.find((k) => k.toLowerCase() === word) ?? null;
}

/** What a correction does. Stored on the Curation node as `action`. */
export const CURATION_ACTIONS = ["confirm", "reject", "add", "merge", "split", "rename", "kind"] as const;
export type CurationAction = (typeof CURATION_ACTIONS)[number];
