// One JSON line per GraphQL request: operation, duration, outcome and error codes.
import type { ApolloServerPlugin } from "@apollo/server";

export type LogSink = (line: string) => void;

export function requestLog(log: LogSink): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse(rc) {
          const body = rc.response.body;
          const errors = body.kind === "single" ? body.singleResult.errors ?? [] : [];
          const codes = [...new Set(errors.map((e) => String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR")))];
          log(JSON.stringify({
            time: new Date().toISOString(),
            kind: "graphql",
            operation: rc.operationName ?? rc.request.operationName ?? null,
            type: rc.operation?.operation ?? null,
            durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
            outcome: errors.length === 0 ? "ok" : "error",
            status: rc.response.http.status ?? 200,
            ...(codes.length ? { codes } : {}),
          }));
        },
      };
    },
  };
}
