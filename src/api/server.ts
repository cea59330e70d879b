// The HTTP service: Apollo Server on Express at /graphql, plus plain health and readiness routes.
import * as http from "node:http";
import express from "express";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import type { Config } from "../config";
import type { Db } from "../graph/db";
import { createContext, type Context } from "./context";
import { formatError } from "./errors";
import { resolvers } from "./resolvers";
import { loadTypeDefs } from "./schema";

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly httpServer: http.Server;
  stop(): Promise<void>;
}

export function createApollo(config: Config, httpServer?: http.Server): ApolloServer<Context> {
  return new ApolloServer<Context>({
    typeDefs: loadTypeDefs(),
    resolvers: resolvers as never,
    introspection: true,
    includeStacktraceInErrorResponses: !config.production,
    formatError: (formatted, error) => formatError(formatted, error, config.production),
    plugins: httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer })] : [],
  });
}

export async function startServer(db: Db, config: Config, log: (line: string) => void = () => {}): Promise<RunningServer> {
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = createApollo(config, httpServer);
  await apollo.start();

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await db.read("read/stats", {}, 2_000);
      res.json({ status: "ready" });
    } catch (err) {
      res.status(503).json({ status: "unavailable", reason: (err as Error).message });
    }
  });
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, { context: async () => createContext(db, config) }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const addr = httpServer.address();
  const port = typeof addr === "object" && addr ? addr.port : config.port;
  const url = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}/graphql`;
  log(`GraphQL ready at ${url}`);
  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    httpServer,
    stop: () => (stopping ??= apollo.stop()),
  };
}
