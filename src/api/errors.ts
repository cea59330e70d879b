// Every error a client sees carries one code from this enum in extensions.code.
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { DatabaseUnavailableError, QueryTimeoutError, TransientWriteError } from "../graph/errors";

export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  QUERY_TOO_COMPLEX: "QUERY_TOO_COMPLEX",
  DATABASE_UNAVAILABLE: "DATABASE_UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const KNOWN = new Set<string>(Object.values(ErrorCode));

export function userError(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extra } });
}

export function notFound(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NOT_FOUND, ...extra } });
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

export function tooComplex(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, ...extra } });
}

/** The body of an HTTP-level refusal (body too large, bad JSON) in the GraphQL error shape. */
export function httpErrorBody(message: string, code: ErrorCode, extra: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extra } }] };
}

// graphql-armor's rejections (depth, cost, aliases, directives in validation) and graphql-js's token
// limit in the parser (limits.ts PARSE_OPTIONS): Apollo re-codes them as GRAPHQL_VALIDATION_FAILED and
// GRAPHQL_PARSE_FAILED, so they are recognised by message; "Validation aborted" is graphql-js giving
// up after 100 errors, which only abusive documents reach.
const ARMOR_MESSAGE = /^((Syntax Error: )?(Query depth limit|Query Cost limit|Aliases limit|Directives limit) of |Validation aborted)/i;
/** graphql-js's words for a document over parseOptions.maxTokens ("more that" is its spelling). */
const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:at|an) (\d+) tokens/;

/** Maps whatever a resolver threw onto our codes; unknown errors lose their internals in production. */
export function formatError(formatted: GraphQLFormattedError, error: unknown, production: boolean): GraphQLFormattedError {
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  if (original instanceof DatabaseUnavailableError || original instanceof QueryTimeoutError || original instanceof TransientWriteError) {
    const timeout = original instanceof QueryTimeoutError;
    return {
      message: timeout ? "the query took too long and was stopped (over TECHTREE_QUERY_TIMEOUT_MS; a busy or just-started Neo4j can be this slow for a while: try again, or ask for less, with a smaller first or maxDepth)"
        : original instanceof TransientWriteError ? "the write kept conflicting with concurrent writes; try again shortly"
        : "the graph database is unavailable; try again shortly",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: timeout ? ErrorCode.QUERY_TOO_COMPLEX : ErrorCode.DATABASE_UNAVAILABLE },
    };
  }
  const code = String(formatted.extensions?.code ?? "");
  const tokens = TOKEN_LIMIT.exec(formatted.message);
  if (tokens) {
    return { message: `Token limit of ${tokens[1]} exceeded: the document is too long to parse`, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } };
  }
  if (ARMOR_MESSAGE.test(formatted.message)) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } };
  }
  if (KNOWN.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) return withoutStack(formatted);
  // Apollo's own validation/parse codes are the client's fault: report them as BAD_USER_INPUT.
  if (code === "GRAPHQL_VALIDATION_FAILED" || code === "GRAPHQL_PARSE_FAILED" || code === "BAD_REQUEST" || code === "PERSISTED_QUERY_NOT_SUPPORTED" || code === "OPERATION_RESOLUTION_FAILURE") {
    return { ...withoutStack(formatted), extensions: { code: ErrorCode.BAD_USER_INPUT, reason: code } };
  }
  return {
    message: production ? "internal server error" : formatted.message,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

function withoutStack(f: GraphQLFormattedError): GraphQLFormattedError {
  if (!f.extensions) return f;
  const { stacktrace: _drop, ...rest } = f.extensions as Record<string, unknown>;
  return { ...f, extensions: rest };
}
