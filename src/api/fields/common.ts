// Argument guards and the entity lookup every module shares.
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from "graphql";
import { nameLookups, type EntityKind, type NameLookup } from "../../domain";
import type { Context } from "../context";
import { notFound, userError } from "../errors";
import type { LineageWalk } from "../loaders";
import type { EntityRecord } from "../model";
import { fuzzyQuery, rankSuggestions, type Candidate } from "../suggest";
import { MAX_DEPTH } from "../../graph/statements";

export type Args = Record<string, unknown>;

export const MAX_NAME = 200;

export function nameArg(value: unknown, argument: string): string {
  if (typeof value !== "string" || !value.trim()) throw userError(`${argument} must be a non-empty string`, { argument });
  if (value.length > MAX_NAME) throw userError(`${argument} is longer than ${MAX_NAME} characters`, { argument });
  return value;
}

export function depthArg(value: unknown): number {
  const depth = value ?? 1;
  if (typeof depth !== "number" || !Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) {
    throw userError(`maxDepth must be a whole number from 1 to ${MAX_DEPTH}`, { argument: "maxDepth" });
  }
  return depth;
}

/** minConfidence: absent (every fact) or a number in [0, 1]; facts whose confidence is lower are left out. */
export function confidenceArg(value: unknown): number {
  const c = value ?? 0;
  if (typeof c !== "number" || !Number.isFinite(c) || c < 0 || c > 1) {
    throw userError("minConfidence must be a number from 0 to 1", { argument: "minConfidence" });
  }
  return c;
}

/**
 * includeVariants (an entity's paper fields, PaperFilter): whether the papers of an entity's variants
 * (VARIANT_OF: Llama-2-7B of Llama 2) count as its own. Absent or null: yes, the schema's default.
 */
export function variantsArg(value: unknown, argument = "includeVariants"): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== "boolean") throw userError(`${argument} must be true or false`, { argument });
  return value;
}

const KIND_WORD: { readonly [K in EntityKind]: string } = { Technique: "technique", Model: "model", Dataset: "dataset", Hardware: "hardware" };

/**
 * NOT_FOUND for a name, with the closest known names in extensions.suggestions (closest first,
 * the asked-for kind winning ties) and their kinds in extensions.suggestionKinds.
 */
export async function notFoundWithSuggestions(ctx: Context, name: string, kind: EntityKind | null, argument: string) {
  const query = fuzzyQuery(name);
  const candidates = query ? await ctx.reader.read<Candidate>("read/suggest-entities", { query }) : [];
  const ranked = rankSuggestions(name, kind, candidates);
  const what = kind ? `no ${KIND_WORD[kind]}` : "nothing";
  const hint = ranked.length ? `; did you mean ${ranked.map((s) => (kind && s.kind !== kind ? `${s.name} (${KIND_WORD[s.kind]})` : s.name)).join(", ")}?` : "";
  return notFound(`${what} named "${name}"${hint}`, {
    argument,
    suggestions: ranked.map((s) => s.name),
    suggestionKinds: ranked.map((s) => s.kind),
  });
}

/**
 * An entity of one kind by name or alias, or by its singular when the name (a plural: "A100s",
 * "LoRAs") names nothing itself, and a hardware name that names nothing by the chip it names
 * (nameLookups: "NVIDIA H100" is the H100); unknown names are NOT_FOUND with suggestions. One statement
 * for a name that names an entity itself: with `walk`, it also reads the first level of that lineage
 * walk (Loaders.entityWithLineage).
 */
export async function findEntity(ctx: Context, kind: EntityKind, value: unknown, walk: LineageWalk | null = null): Promise<EntityRecord> {
  const name = nameArg(value, "name");
  const find = async (l: NameLookup) => walk ? await ctx.loaders.entityWithLineage(kind, l, walk)
    : (await ctx.reader.read<{ entity: EntityRecord }>("read/find-entity", { ...l, kind }))[0]?.entity;
  // The name, then (hardware) the chip it is written as ("NVIDIA H100" is the H100, as the ingest stores it).
  for (const lookup of nameLookups(name, kind)) {
    const hit = lookup.key ? await find(lookup) : null;
    if (hit) return hit;
  }
  throw await notFoundWithSuggestions(ctx, name, kind, "name");
}

/**
 * The fields selected directly under `nodes`, through inline and named fragments (each named
 * fragment read once): what the helpers below ask about.
 */
function childFields(info: GraphQLResolveInfo, nodes: readonly FieldNode[]): FieldNode[] {
  const out: FieldNode[] = [];
  const seen = new Set<string>();
  const collect = (set: SelectionSetNode | undefined): void => {
    for (const s of set?.selections ?? []) {
      if (s.kind === "Field") out.push(s);
      else if (s.kind === "InlineFragment") collect(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        collect(info.fragments[s.name.value]?.selectionSet);
      }
    }
  };
  for (const node of nodes) collect(node.selectionSet);
  return out;
}

/** The fields selected directly under the field being resolved (through inline and named fragments). */
export function selectedFields(info: GraphQLResolveInfo): FieldNode[] {
  return childFields(info, info.fieldNodes);
}

/**
 * Whether the query selects a field of this name directly under the field being resolved (through
 * inline fragments and named fragments too), so a resolver can skip reading what nobody asked for.
 */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  return selectsUnder(info, info.fieldNodes, name);
}

/** selects for given field nodes (from fieldsAt, say). */
export function selectsUnder(info: GraphQLResolveInfo, nodes: readonly FieldNode[], name: string): boolean {
  return childFields(info, nodes).some((f) => f.name.value === name);
}

/**
 * Whether every field the query selects under the field being resolved (through inline and named
 * fragments) is one of `fields`, so a resolver can read a brief record instead of the whole one.
 */
export function selectsOnly(info: GraphQLResolveInfo, fields: ReadonlySet<string>): boolean {
  return selectsOnlyUnder(info, info.fieldNodes, fields);
}

/** selectsOnly for given field nodes (from fieldsAt, say). */
export function selectsOnlyUnder(info: GraphQLResolveInfo, nodes: readonly FieldNode[], fields: ReadonlySet<string>): boolean {
  return nodes.every((n) => n.selectionSet !== undefined) && childFields(info, nodes).every((f) => fields.has(f.name.value));
}

/** The selections of the field `path` leads to from the field being resolved (by field name, through fragments). */
export function fieldsAt(info: GraphQLResolveInfo, path: readonly string[]): FieldNode[] {
  let current: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) current = childFields(info, current).filter((f) => f.name.value === name);
  return [...current];
}
