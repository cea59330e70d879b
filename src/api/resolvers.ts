// The resolver map, composed from one module per area. A new area (topics, say) adds its module
// to RESOLVER_MODULES; modules may add fields to the same type (Query, Paper) without clashing.
import { GraphQLScalarType } from "graphql";
import { changesResolvers } from "./fields/changes";
import { curationResolvers } from "./fields/curation";
import { entityResolvers } from "./fields/entities";
import { insightResolvers } from "./fields/insights";
import { lineageResolvers } from "./fields/lineage";
import { mutationResolvers } from "./fields/mutations";
import { paperResolvers } from "./fields/papers";
import { searchResolvers } from "./fields/search";
import { visualResolvers } from "./resolvers-visual";
import { scalarResolvers } from "./scalars";

export type ResolverModule = Record<string, Record<string, unknown> | GraphQLScalarType>;

export const RESOLVER_MODULES: readonly ResolverModule[] = [
  entityResolvers,
  paperResolvers,
  searchResolvers,
  lineageResolvers,
  insightResolvers,
  mutationResolvers,
  visualResolvers,
  changesResolvers,
  scalarResolvers,
  curationResolvers,
];

/** Merges modules type by type; two modules resolving the same field is a programming error. */
export function mergeResolvers(modules: readonly ResolverModule[]): ResolverModule {
  const out: ResolverModule = {};
  for (const mod of modules) {
    for (const [type, fields] of Object.entries(mod)) {
      if (fields instanceof GraphQLScalarType) {
        if (type in out) throw new Error(`two resolver modules define ${type}`);
        out[type] = fields;
        continue;
      }
      const target = (out[type] ??= {}) as Record<string, unknown>;
      for (const [field, fn] of Object.entries(fields)) {
        if (field in target) throw new Error(`two resolver modules define ${type}.${field}`);
        target[field] = fn;
      }
    }
  }
  return out;
}

export const resolvers = mergeResolvers(RESOLVER_MODULES);

export { luceneQuery } from "./lucene";
