// /graphql on plain node:http: CORS for the configured origins, the JSON body read under a byte
// limit, then Apollo's executeHTTPGraphQLRequest. Express still serves the other routes, but not
// this one: its router, body-parser and res.send cost about 0.5 ms of CPU per request, a third of
// what the API added on top of the direct Cypher call (docs/api.md has the measurement).
import type * as http from "node:http";
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from "@apollo/server";
import { ErrorCode, httpErrorBody } from "./errors";
import type { LogSink } from "./logging";

export interface GraphqlHttpOptions<C extends BaseContext> {
  readonly bodyLimit: number;
  /** Origins allowed to call the API from a browser on another origin; none means same-origin only. */
  readonly corsOrigins: readonly string[];
  readonly context: (req: http.IncomingMessage) => Promise<C>;
  readonly log: LogSink;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** Preflights are remembered this long by browsers (seconds). */
const CORS_MAX_AGE = 600;
const CORS_METHODS = "GET,POST,OPTIONS";

/** True when the request is for the GraphQL endpoint (with or without a query string). */
export function isGraphqlPath(url: string | undefined): boolean {
  const path = (url ?? "").split("?", 1)[0];
  return path === "/graphql" || path === "/graphql/";
}

export function graphqlHttpHandler<C extends BaseContext>(apollo: ApolloServer<C>, opts: GraphqlHttpOptions<C>): Handler {
  const origins = new Set(opts.corsOrigins);
  /** Requests that never reach Apollo (whose plugin logs the rest) get a line of their own. */
  const logHttp = (fields: Record<string, unknown>) => opts.log(JSON.stringify({ time: new Date().toISOString(), kind: "http", ...fields }));

  return (req, res) => {
    const origin = req.headers.origin;
    if (origins.size) res.setHeader("vary", "Origin");
    if (origin && origins.has(origin)) res.setHeader("access-control-allow-origin", origin);
    if (req.method === "OPTIONS") {
      preflight(req, res, origin !== undefined && origins.has(origin));
      return;
    }
    readBody(req, opts.bodyLimit).then(
      async (body) => {
        if (body.kind === "too-large") {
          logHttp({ outcome: "refused", status: 413, codes: [ErrorCode.QUERY_TOO_COMPLEX] });
          sendJson(res, 413, httpErrorBody(`request body is larger than ${opts.bodyLimit} bytes`, ErrorCode.QUERY_TOO_COMPLEX, { limit: "bodyBytes", max: opts.bodyLimit }));
          return;
        }
        const parsed = parseBody(req, body.bytes);
        if (parsed.kind === "bad") {
          sendJson(res, 400, httpErrorBody(parsed.message, ErrorCode.BAD_USER_INPUT));
          return;
        }
        const headers = new HeaderMap();
        for (const [key, value] of Object.entries(req.headers)) {
          if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
        }
        const q = req.url?.indexOf("?") ?? -1;
        const response = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method ?? "GET", headers, search: q < 0 ? "" : req.url!.slice(q), body: parsed.value },
          context: () => opts.context(req),
        });
        await send(res, response);
      },
    ).catch((err: unknown) => {
      // A client that hangs up mid-request is not a server error, and there is no one to answer.
      if (req.destroyed && !req.complete) {
        logHttp({ outcome: "aborted" });
        return;
      }
      logHttp({ outcome: "error", status: 500, message: (err as Error).message });
      if (!res.headersSent) sendJson(res, 500, httpErrorBody("internal server error", ErrorCode.INTERNAL_SERVER_ERROR));
      else res.destroy();
    });
  };
}

function preflight(req: http.IncomingMessage, res: http.ServerResponse, allowed: boolean): void {
  if (allowed) {
    res.setHeader("access-control-allow-methods", CORS_METHODS);
    const asked = req.headers["access-control-request-headers"];
    if (asked) {
      res.setHeader("access-control-allow-headers", asked);
      res.appendHeader("vary", "Access-Control-Request-Headers");
    }
    res.setHeader("access-control-max-age", String(CORS_MAX_AGE));
  }
  res.statusCode = 204;
  res.setHeader("content-length", "0");
  res.end();
  req.resume();
}

type Body = { kind: "ok"; bytes: Buffer } | { kind: "too-large" };

/**
 * The whole body, or too-large as soon as it (or its declared length) passes the limit; the rest of
 * an oversized body is read and dropped so the connection stays usable.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (declared > limit) {
      req.resume();
      resolve({ kind: "too-large" });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve({ kind: "too-large" });
      } else chunks.push(chunk);
    });
    req.on("end", () => {
      if (!over) resolve({ kind: "ok", bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) });
    });
    req.on("error", reject);
  });
}

type Parsed = { kind: "ok"; value: unknown } | { kind: "bad"; message: string };

/**
 * A JSON body is parsed; any other content type reaches Apollo without a body, which answers it
 * (CSRF prevention refuses simple requests, a POST without JSON is a 400).
 */
function parseBody(req: http.IncomingMessage, bytes: Buffer): Parsed {
  const type = req.headers["content-type"];
  if (!type || !/^application\/json\s*(;|$)/i.test(type)) return { kind: "ok", value: undefined };
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1]?.toLowerCase();
  if (charset && charset !== "utf-8" && charset !== "utf8") return { kind: "bad", message: `request body must be UTF-8 JSON, not ${charset}` };
  const encoding = req.headers["content-encoding"];
  if (encoding && encoding.toLowerCase() !== "identity") return { kind: "bad", message: `content-encoding ${encoding} is not supported; send the body uncompressed` };
  if (bytes.length === 0) return { kind: "ok", value: {} };
  try {
    return { kind: "ok", value: JSON.parse(bytes.toString("utf8")) };
  } catch {
    return { kind: "bad", message: "request body is not valid JSON" };
  }
}

async function send(res: http.ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === "complete") {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify(body));
}
