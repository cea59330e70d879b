// Static limits on what one request may ask for, tuned so every query in examples/queries.graphql
// passes (test/integration/api-limits.test.ts proves both sides). Rejections carry QUERY_TOO_COMPLEX.
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, type ValidationContext } from "graphql";
import { ErrorCode } from "./errors";

export const LIMITS = {
  /** Relay connections cost three levels per hop (connection, edges, node). */
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2_000,
  /** graphql-armor's static cost (objects 2, scalars 1, x1.5 per level); list sizes are capped by `first`. */
  maxCost: 20_000,
  /** JSON request body; ingest text travels in it. */
  bodyBytes: 1_000_000,
} as const;

const reject = (ctx: ValidationContext | null, err: GraphQLError) => {
  const coded = new GraphQLError(err.message.replace(/^Syntax Error: /, ""), { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } });
  if (ctx) ctx.reportError(coded);
  else throw coded;
};

/**
 * The token limit is graphql-js's own (`parse`'s maxTokens, given to Apollo as parseOptions), not
 * graphql-armor's: armor's parses every document a second time in a plugin hook, and a syntax error
 * thrown there became an unexpected error, answered HTTP 500 and never logged. Apollo's own parse
 * answers a syntax error, and a document over the limit, 400 (formatError codes the latter
 * QUERY_TOO_COMPLEX).
 */
export const PARSE_OPTIONS = { maxTokens: LIMITS.maxTokens } as const;

export function armor() {
  const common = { propagateOnRejection: false, onReject: [reject] };
  return new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...common },
    maxAliases: { n: LIMITS.maxAliases, ...common },
    maxDirectives: { n: LIMITS.maxDirectives, ...common },
    maxTokens: { enabled: false },
    costLimit: { maxCost: LIMITS.maxCost, ignoreIntrospection: true, ...common },
    // The schema is public (introspection stays on for Sandbox), so "Did you mean ...?" hides nothing.
    blockFieldSuggestion: { enabled: false },
  }).protect();
}
