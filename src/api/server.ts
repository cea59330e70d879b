// The HTTP service: Apollo Server at /graphql (Apollo Sandbox for browsers) on plain node:http, and
// Express for the rest: an offline GraphiQL at /graphiql, the explorer, Atom feeds at /feed, plain
// /healthz and /readyz.
// Limits, CORS and logging are set here.
import * as http from "node:http";
import express from "express";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import type { Config } from "../config";
import type { Db } from "../graph/db";
import { bearerToken } from "./auth";
import { createContext, type Context } from "./context";
import { formatError } from "./errors";
import { mountExplorer } from "./explore";
import { feedRouter } from "./feeds";
import { graphiqlRouter } from "./graphiql";
import { graphqlHttpHandler, isGraphqlPath } from "./http-graphql";
import { armor, LIMITS, PARSE_OPTIONS } from "./limits";
import { requestLog, type LogSink } from "./logging";
import { resolvers } from "./resolvers";
import { loadTypeDefs } from "./schema";

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly httpServer: http.Server;
  /** Stops taking requests, drains the ones in flight, then resolves (the caller closes the Db). */
  stop(): Promise<void>;
}

export interface ApolloOptions {
  readonly httpServer?: http.Server;
  readonly log?: LogSink;
}

export function createApollo(config: Config, opts: ApolloOptions | http.Server = {}): ApolloServer<Context> {
  const { httpServer, log } = opts instanceof http.Server ? { httpServer: opts, log: undefined } : opts;
  const protection = armor();
  const plugins: ApolloServerPlugin<Context>[] = [
    ...(protection.plugins as ApolloServerPlugin<Context>[]),
    // Sandbox for online users in every mode (the schema is public); /graphiql works offline.
    ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false, footer: false }),
    // The schema has no @cacheControl hints, and the default cache-control plugin wraps every field
    // resolver to compute them: a lineage answer of 100 entries paid for hundreds of wrappers.
    ApolloServerPluginCacheControlDisabled(),
  ];
  plugins.push(closeReads);
  if (httpServer) plugins.push(ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 10_000 }));
  if (log) plugins.push(requestLog(log));
  return new ApolloServer<Context>({
    typeDefs: loadTypeDefs(),
    resolvers: resolvers as never,
    introspection: true,
    includeStacktraceInErrorResponses: !config.production,
    validationRules: protection.validationRules,
    parseOptions: PARSE_OPTIONS,
    allowBatchedHttpRequests: false,
    persistedQueries: false,
    // The command that runs the server handles SIGINT and SIGTERM: it stops the watch after its
    // batch, drains, then leaves the shared Neo4j. In production mode Apollo would otherwise stop
    // itself on the signal and raise it again, which killed the process before any of that ran.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    formatError: (formatted, error) => formatError(formatted, error, config.production),
    plugins,
  });
}

/**
 * Ends each request's read session (src/api/reader.ts) once its response is ready, which gives its
 * connection back to the pool. Not awaited: closing sessions whose reads are done cannot fail the
 * request.
 */
const closeReads: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse(rc) {
        void rc.contextValue.reader.close();
      },
    };
  },
};

export async function startServer(db: Db, config: Config, log: LogSink = () => {}): Promise<RunningServer> {
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer();
  const apollo = createApollo(config, { httpServer, log });
  const graphql = graphqlHttpHandler(apollo, {
    bodyLimit: LIMITS.bodyBytes,
    corsOrigins: config.corsOrigins,
    context: async (req) => createContext(db, config, bearerToken(req.headers.authorization)),
    log,
  });
  httpServer.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (isGraphqlPath(req.url)) graphql(req, res);
    else app(req, res);
  });
  await apollo.start();
  let stopping = false;

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    if (stopping) {
      res.status(503).json({ status: "stopping" });
      return;
    }
    try {
      const rows = await db.read<{ name: string; state: string }>("read/schema-state", {}, 2_000);
      const missing = ["paper_id", "entity_id", "entity_key", "paper_text", "entity_names"].filter((n) => !rows.some((r) => r.name === n && r.state === "ONLINE"));
      if (missing.length) res.status(503).json({ status: "schema not applied", missing });
      else res.json({ status: "ready" });
    } catch {
      res.status(503).json({ status: "database unavailable" });
    }
  });
  app.use(graphiqlRouter());
  app.use(feedRouter(db, config, log));
  mountExplorer(app);

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const addr = httpServer.address();
  const port = typeof addr === "object" && addr ? addr.port : config.port;
  const url = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}/graphql`;
  // Where a new user goes next (README "Quick start"): the same origin serves every page.
  const base = url.replace(/\/graphql$/, "");
  log(`GraphQL ready at ${url} (Apollo Sandbox in a browser; offline GraphiQL at ${base}/graphiql; the explorer at ${base}/explore)`);
  let stopped: Promise<void> | undefined;
  return {
    url,
    port,
    httpServer,
    stop: () => (stopped ??= (stopping = true, apollo.stop())),
  };
}
