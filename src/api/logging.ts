// One JSON line per GraphQL request: operation, duration, outcome and error codes.
import type { ApolloServerPlugin } from "@apollo/server";

export type LogSink = (line: string) => void;

export function requestLog(log: LogSink): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(rc) {
          const body = rc.response.body;
          const errors = body.kind === "single" ? body.singleResult.errors : undefined;
          const codes = errors?.length ? [...new Set(errors.map((e) => String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR")))] : undefined;
          log(JSON.stringify({
            time: new Date().toISOString(),
            kind: "graphql",
            operation: rc.operationName ?? rc.request.operationName ?? null,
            type: rc.operation?.operation ?? null,
            durationMs: Math.round((performance.now() - started) * 1000) / 1000,
            outcome: codes ? "error" : "ok",
            status: rc.response.http.status ?? 200,
            ...(codes ? { codes } : {}),
          }));
        },
      };
    },
  };
}
