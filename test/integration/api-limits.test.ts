// Abuse is refused with QUERY_TOO_COMPLEX (or BAD_USER_INPUT for `first`) while the service keeps
// answering; plus the plain HTTP routes: health, readiness, CORS, CSRF, the two IDEs.
import * as net from "node:net";
import { startServer, type RunningServer } from "../../src/api/server";
import { LIMITS } from "../../src/api/limits";
import { readConfig, type Config } from "../../src/config";
import type { Db } from "../../src/graph/db";
import { freshSeedGraph, testDb } from "../helpers/neo4j";
import { codes, gqlClient, post } from "./api-http";

let db: Db;
let server: RunningServer;
let gql: ReturnType<typeof gqlClient>;
const config: Config = { ...readConfig({ NODE_ENV: "test", PORT: "0", CORS_ORIGINS: "https://explorer.example" }) };

beforeAll(async () => {
  db = testDb();
  await freshSeedGraph(db);
  server = await startServer(db, config);
  gql = gqlClient(server.url);
});

afterAll(async () => {
  await server?.stop();
  await db?.close();
});

async function stillAnswers() {
  const r = await gql(`{ stats { papers } }`);
  expect(r.body.data.stats.papers).toBe(112);
}

describe("limits", () => {
  test("a depth-20 query is refused", async () => {
    let sel = "title";
    for (let i = 0; i < 9; i++) sel = `related(first: 1) { paper { ${sel} } }`;
    const r = await gql(`{ paper(title: "SnapKV: LLM Knows What You are Looking for Before Generation") { ${sel} } }`);
    expect(codes(r)).toEqual(["QUERY_TOO_COMPLEX"]);
    expect(r.body.errors[0].message).toMatch(/depth/i);
    await stillAnswers();
  });

  test("depth through fragments counts too", async () => {
    let frags = "fragment F0 on Paper { title }\n";
    for (let i = 1; i < 10; i++) frags += `fragment F${i} on Paper { related(first: 1) { paper { ...F${i - 1} } } }\n`;
    const r = await gql(`{ papers(first: 1) { ...F9 } }\n${frags}`);
    expect([...new Set(codes(r))]).toEqual(["QUERY_TOO_COMPLEX"]);
    expect(r.body.errors.map((e: any) => e.message).join(" ")).toMatch(/depth/i);
  });

  test("1,000 aliases are refused (so are 16)", async () => {
    const many = Array.from({ length: 1000 }, (_, i) => `a${i}: stats { papers }`).join(" ");
    const r = await gql(`{ ${many} }`);
    expect(codes(r)).toEqual(["QUERY_TOO_COMPLEX"]);
    const some = Array.from({ length: LIMITS.maxAliases + 1 }, (_, i) => `a${i}: __typename x${i}: stats { papers }`).join(" ");
    const r2 = await gql(`{ ${some} }`);
    expect(codes(r2)).toContain("QUERY_TOO_COMPLEX");
    expect(r2.body.errors.map((e: any) => e.message).join(" ")).toMatch(/alias/i);
    await stillAnswers();
  });

  test("too many directives and too many tokens are refused", async () => {
    const dirs = Array.from({ length: LIMITS.maxDirectives + 1 }, () => "__typename @include(if: true)").join(" ");
    const rd = await gql(`{ ${dirs} }`);
    expect(codes(rd)).toEqual(["QUERY_TOO_COMPLEX"]);
    expect(rd.body.errors[0].message).toMatch(/directive/i);
    const wide = Array.from({ length: LIMITS.maxTokens + 100 }, () => "papers").join(" ");
    const r = await gql(`{ stats { ${wide} } }`);
    expect({ status: r.status, codes: codes(r) }).toEqual({ status: 400, codes: ["QUERY_TOO_COMPLEX"] });
    expect(r.body.errors[0].message).toBe(`Token limit of ${LIMITS.maxTokens} exceeded: the document is too long to parse`);
    await stillAnswers();
  });

  test("a query over the cost limit is refused", async () => {
    // Shallow and short, but 100 papers x 100 related papers x every entity list: over the cost.
    const entities = "introduces { id name aliases } buildsOn { id name aliases } comparesTo { id name aliases } hardware { id name aliases }";
    const r = await gql(`{ papersConnection(first: 100) { nodes { title ${entities} related(first: 100) { paper { title ${entities} } } } } }`);
    expect(codes(r)).toEqual(["QUERY_TOO_COMPLEX"]);
    expect(r.body.errors[0].message).toMatch(/cost/i);
  });

  test("first: 100000 is refused on every list: literally by the cost limit, through a variable by the cap of 100", async () => {
    const lists = [
      `papers(first: $n) { title }`,
      `papersConnection(first: $n) { totalCount }`,
      `search(text: "attention", first: $n) { totalCount }`,
      `trending(first: $n) { recent }`,
      `hardwareUsage(first: $n) { papers }`,
      `papers(first: 1) { related(first: $n) { score } }`,
      `papers(first: 1) { cites(first: $n) { totalCount } citedBy(first: $n) { totalCount } }`,
      `technique(name: "KV cache") { papersConnection(first: $n) { totalCount } }`,
    ];
    for (const field of lists) {
      const literal = await gql(`{ ${field.replace(/\$n/g, "100000")} }`);
      expect({ field, codes: codes(literal) }).toEqual({ field, codes: ["QUERY_TOO_COMPLEX"] });
      const viaVariable = await gql(`query($n: Int) { ${field} }`, { n: 100000 });
      expect({ field, codes: [...new Set(codes(viaVariable))] }).toEqual({ field, codes: ["BAD_USER_INPUT"] });
      expect(viaVariable.body.errors[0].message).toBe("first must be a whole number from 1 to 100");
    }
    await stillAnswers();
  });

  test("a 5 MB body is refused with 413 and QUERY_TOO_COMPLEX", async () => {
    const big = JSON.stringify({ query: `{ stats { papers } }`, variables: { pad: "x".repeat(5 * 1024 * 1024) } });
    const r = await post(server.url, big);
    expect(r.status).toBe(413);
    expect(codes(r)).toEqual(["QUERY_TOO_COMPLEX"]);
    await stillAnswers();
  });

  test("malformed JSON is BAD_USER_INPUT", async () => {
    const r = await post(server.url, "{ not json");
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
  });

  test("a streamed body without Content-Length is cut off at the limit too", async () => {
    const pad = "x".repeat(LIMITS.bodyBytes);
    const chunks = [`{"query":"{ stats { papers } }","variables":{"pad":"`, pad, `"}}`];
    const body = new ReadableStream({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const res = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe("QUERY_TOO_COMPLEX");
    await stillAnswers();
  });

  test("a client that hangs up halfway through its body is logged as aborted and the service keeps answering", async () => {
    const lines: string[] = [];
    const logged = await startServer(db, config, (l) => lines.push(l));
    try {
      const { port } = new URL(logged.url);
      await new Promise<void>((resolve, reject) => {
        const socket = net.connect(Number(port), "127.0.0.1", () => {
          socket.write("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"query\":");
          setTimeout(() => { socket.destroy(); resolve(); }, 100);
        });
        socket.on("error", reject);
      });
      for (let i = 0; i < 50 && !lines.some((l) => l.includes('"aborted"')); i++) await new Promise((r) => setTimeout(r, 20));
      expect(lines.filter((l) => l.includes('"kind":"http"'))).toEqual([expect.stringContaining('"outcome":"aborted"')]);
      const r = await post(logged.url, { query: "{ stats { papers } }" });
      expect(r.body.data.stats.papers).toBe(112);
    } finally {
      await logged.stop();
    }
  });

  test("a JSON body in another charset or compressed is BAD_USER_INPUT with the reason", async () => {
    const latin = await post(server.url, `{"query":"{ stats { papers } }"}`, { "content-type": "application/json; charset=latin1" });
    expect(latin.status).toBe(400);
    expect(codes(latin)).toEqual(["BAD_USER_INPUT"]);
    expect(latin.body.errors[0].message).toMatch(/UTF-8/);
    const gzip = await post(server.url, `{"query":"{ stats { papers } }"}`, { "content-encoding": "gzip" });
    expect(gzip.status).toBe(400);
    expect(gzip.body.errors[0].message).toMatch(/uncompressed/);
  });

  test("a body that is not JSON is refused by CSRF prevention, a JSON body without a query is a 400", async () => {
    const text = await post(server.url, "{ stats { papers } }", { "content-type": "text/plain" });
    expect(text.status).toBe(400);
    const empty = await post(server.url, "");
    expect(empty.status).toBe(400);
  });

  test("batched requests are refused", async () => {
    const r = await post(server.url, [{ query: "{ stats { papers } }" }, { query: "{ stats { papers } }" }]);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  });
});

describe("HTTP", () => {
  const base = () => server.url.replace(/\/graphql$/, "");

  test("GET /healthz and /readyz", async () => {
    const h = await fetch(`${base()}/healthz`);
    expect(h.status).toBe(200);
    expect(await h.json()).toEqual({ status: "ok" });
    const r = await fetch(`${base()}/readyz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: "ready" });
  });

  test("CSRF: a simple GET without a preflight header is refused; with one it runs", async () => {
    const q = encodeURIComponent("{ stats { papers } }");
    expect((await fetch(`${server.url}?query=${q}`)).status).toBe(400);
    const ok = await fetch(`${server.url}?query=${q}`, { headers: { "apollo-require-preflight": "true" } });
    expect(ok.status).toBe(200);
  });

  test("CORS: configured origins only", async () => {
    const allowed = await fetch(server.url, { method: "OPTIONS", headers: { origin: "https://explorer.example", "access-control-request-method": "POST" } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://explorer.example");
    const other = await fetch(server.url, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await fetch(server.url, {
      method: "OPTIONS",
      headers: { origin: "https://explorer.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toBe("content-type, authorization");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    const call = await post(server.url, { query: "{ stats { papers } }" }, { origin: "https://explorer.example" });
    expect(call.status).toBe(200);
    const fromOther = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", origin: "https://evil.example" }, body: JSON.stringify({ query: "{ stats { papers } }" }) });
    expect(fromOther.headers.get("access-control-allow-origin")).toBeNull();
    expect(fromOther.headers.get("vary")).toMatch(/Origin/);
  });

  test("Apollo Sandbox landing page at /graphql for browsers", async () => {
    const r = await fetch(server.url, { headers: { accept: "text/html" } });
    expect(r.status).toBe(200);
    expect(await r.text()).toMatch(/sandbox/i);
  });

  test("offline GraphiQL at /graphiql: every asset comes from this server", async () => {
    const r = await fetch(`${base()}/graphiql`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
    const html = await r.text();
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBe(6);
    for (const ref of refs) {
      expect(ref.startsWith("/")).toBe(true);
      const asset = await fetch(`${base()}${ref}`);
      expect({ ref, status: asset.status }).toEqual({ ref, status: 200 });
      const text = await asset.text();
      expect(text.length).toBeGreaterThan(10);
    }
    expect((await fetch(`${base()}/graphiql/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base()}/graphiql/assets/nope.js`)).status).toBe(404);
  });
});
