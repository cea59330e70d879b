// Entity resolution across papers, the part spelling keys cannot do: a size of a model (or a memory
// size of a chip) is a variant of it, not the same entity and not a stranger. "Llama-2-7B" is a
// VARIANT_OF "Llama 2" when both are in the graph; versions stay apart ("FlashAttention-2" is no
// variant of FlashAttention). Spellings of one name ("Llama 2", "LLaMA-2", "Llama2") already are one
// entity: they share nameKey. Derived from the whole entity list after every ingest, so the edges do
// not depend on which of the two arrived first.
import { nameKey } from "../domain";
import type { Db } from "../graph/db";

/** A size token: 7B, 1.3B, 70b, 8x7B, 350M, 80GB, 40GB. */
const SIZE = /^(?:\d+x)?\d+(?:\.\d+)?(?:[kmbt]|gb|tb)$/i;

/** The base name a variant's name names, or null: "Llama-2-7B" -> "Llama-2", "Mixtral 8x7B" -> "Mixtral". */
export function variantBase(name: string): string | null {
  const tokens = name.trim().split(/[\s\-_]+/).filter(Boolean);
  if (tokens.length < 2 || !SIZE.test(tokens[tokens.length - 1]!)) return null;
  return tokens.slice(0, -1).join(" ");
}

export interface EntityName { id: string; key: string; name: string; kind: string; aliases: string[] | null }

/** VARIANT_OF pairs among the given entities: same kind, the variant's name minus its size is the base's key or alias. */
export function variantPairs(entities: readonly EntityName[]): { variant: string; base: string }[] {
  const byKey = new Map<string, string>();
  for (const e of entities) {
    byKey.set(`${e.kind}|${e.key}`, e.id);
  }
  const out: { variant: string; base: string }[] = [];
  for (const e of entities) {
    const base = variantBase(e.name);
    const baseId = base ? byKey.get(`${e.kind}|${nameKey(base)}`) : undefined;
    if (baseId && baseId !== e.id) out.push({ variant: e.id, base: baseId });
  }
  return out.sort((a, b) => (a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : 0));
}

/**
 * Recomputes every VARIANT_OF edge; answers how many there are. The replacement takes the
 * corrections' lock first (Db.writeInTurn), as corrections and ingest batches do: it locks the
 * graph's metadata node and then entities, a correction entities and then that node (write/mark-derived),
 * so without it each could hold what the other waits for (a DeadlockDetected retry in clean-clone CI).
 */
export async function refreshVariants(db: Db): Promise<number> {
  const entities = await db.read<EntityName>("read/entity-names");
  const pairs = variantPairs(entities);
  await db.writeInTurn("write/replace-variants", { rows: pairs });
  return pairs.length;
}
