// Normalised keys: the identity of papers and entities across inputs.
import { createHash } from "node:crypto";

/**
 * Lookup key for an entity name: NFKC, lower case, only letters and digits.
 * "Flash-Attention" and "flash attention" share a key; "FlashAttention-2" keeps its digit,
 * so versions never collapse into their ancestors.
 */
export function nameKey(name: string): string {
  return name.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * The key a plural names when its own key names nothing: "A100s" and "LoRAs" are the A100 and LoRA
 * ("a100s" -> "a100"). Null for a key without a final "s" or too short to be a plural. The look-ups try
 * it only after the key itself (and aliases) found nothing, so a name that ends in "s" keeps its own
 * entity (see NameLookup).
 */
export function singularKey(key: string): string | null {
  return key.length > 2 && key.endsWith("s") ? key.slice(0, -1) : null;
}

/**
 * What the name look-ups (cypher/read/find-entity and the statements that share its steps) take for
 * a name: its key, and the singular key they try, as a name and then as an alias, only when the key
 * names nothing, either way. A look-up that offers no plural reading passes singular: null.
 */
export interface NameLookup {
  readonly key: string;
  readonly singular: string | null;
}

export function nameLookup(name: string): NameLookup {
  const key = nameKey(name);
  return { key, singular: singularKey(key) };
}

/** Title normalisation used for pairing papers: case and spacing ignored. */
export function titleKey(title: string): string {
  return title.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** A stable, short paper id from its title, so re-ingesting the same paper hits the same node. */
export function paperId(title: string): string {
  return "p_" + createHash("sha256").update(titleKey(title)).digest("hex").slice(0, 16);
}

/** Content hash of what extraction reads; with the extractor version it decides whether a paper changed. */
export function textHash(title: string, abstract: string): string {
  return createHash("sha256").update(title).update("\u0000").update(abstract).digest("hex").slice(0, 32);
}
