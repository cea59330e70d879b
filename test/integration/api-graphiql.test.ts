// The offline GraphiQL at /graphiql in headless Chromium: it renders, runs a query, and every
// request the page makes goes to this server (no CDN), as air-gapped users need.
import * as fs from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { startServer, type RunningServer } from "../../src/api/server";
import { readConfig } from "../../src/config";
import type { Db } from "../../src/graph/db";
import { testDb } from "../helpers/neo4j";

const CHROMIUM = "/usr/bin/chromium";

let db: Db;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: this test needs Debian's chromium (apt-get install -y chromium)`);
  db = testDb();
  server = await startServer(db, readConfig({ NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1" }));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await db?.close();
});

test("GraphiQL renders and runs a query with no request leaving 127.0.0.1", async () => {
  const page = await browser.newPage();
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  await page.goto(server.url.replace(/\/graphql$/, "/graphiql"), { waitUntil: "load" });
  await page.waitForSelector(".graphiql-container", { timeout: 60_000 });
  // The default query (FlashAttention lineage) runs through /graphql from the editor.
  await page.waitForSelector(".graphiql-execute-button", { timeout: 60_000 });
  const graphqlCall = page.waitForResponse((r) => r.url().endsWith("/graphql") && r.request().method() === "POST" && (r.request().postData() ?? "").includes("technique"), { timeout: 60_000 });
  await page.click(".graphiql-execute-button");
  const response = await graphqlCall;
  expect(response.status()).toBe(200);
  const foreign = requests.filter((u) => !u.startsWith("http://127.0.0.1:") && !u.startsWith("data:"));
  expect(foreign).toEqual([]);
  expect(requests.some((u) => u.endsWith("/graphiql/assets/graphiql.min.js"))).toBe(true);
  expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  await page.close();
});
