// The /explore page in a real headless Chromium over the real API and the seed graph: search,
// draw, click, read the highlighted evidence; no console errors and no request leaves the machine.
import * as fs from "node:fs";
import * as path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { startServer, type RunningServer } from "../../src/api/server";
import { readConfig } from "../../src/config";
import type { Db } from "../../src/graph/db";
import { recomputeTopics } from "../../src/topics/recompute";
import { ingestFiles } from "../../src/ingest/ingest";
import { freshSeedGraph, testDb } from "../helpers/neo4j";

// Callbacks passed to page.evaluate run in the page; the tests compile without the DOM lib.
declare const window: any;

const CHROMIUM = "/usr/bin/chromium";
// Starting Chromium and drawing a view takes seconds, but minutes on a machine shared by several test runs.
jest.setTimeout(300_000);
const ROOT = path.join(__dirname, "..", "..");
const ARTIFACTS = path.join(ROOT, "test", "artifacts");

let db: Db;
let server: RunningServer;
let browser: Browser;
let base: string;
const consoleErrors: string[] = [];
const consoleWarnings: string[] = [];
const foreignRequests: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the explorer browser test needs Debian's chromium (apt-get install -y chromium); playwright's own browser downloads are not used`);
  }
  db = testDb();
  await freshSeedGraph(db);
  await db.applySchema();
  await recomputeTopics(db);
  server = await startServer(db, readConfig({ ...process.env, PORT: "0", HOST: "127.0.0.1" }));
  base = `http://127.0.0.1:${server.port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await db?.close();
});

async function openPage(url: string, viewport = { width: 1400, height: 860 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
    if (m.type() === "warning") consoleWarnings.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.protocol === "data:" || u.protocol === "blob:") return;
    if (!["127.0.0.1", "localhost"].includes(u.hostname)) foreignRequests.push(r.url());
  });
  await page.goto(url);
  return page;
}

async function clickNode(page: Page, label: string): Promise<void> {
  const at = await page.evaluate((l) => {
    const cy = window.cy;
    const n = cy.nodes().filter((x: any) => x.data("label") === l)[0];
    const p = n.renderedPosition();
    const r = cy.container().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, label);
  await page.mouse.click(at.x, at.y);
}

test("search FlashAttention, see FlashAttention-2, click it, read its highlighted evidence", async () => {
  const page = await openPage(`${base}/explore`);
  await page.locator("#search").pressSequentially("FlashAtt", { delay: 20 });
  const option = page.locator("#suggestions li", { hasText: /^FlashAttention/ }).first();
  await option.waitFor();
  await page.locator('#suggestions li[data-name="FlashAttention"]').click();

  await page.waitForFunction(() => window.cy?.nodes().some((n: any) => n.data("label") === "FlashAttention-2"));
  const kinds: string[] = await page.evaluate(() => window.cy.nodes().map((n: any) => n.data("kind")));
  expect(kinds).toEqual(expect.arrayContaining(["Technique", "Paper", "Hardware"]));
  expect(page.url()).toContain("entity=FlashAttention");
  expect(page.url()).toContain("depth=2");

  await page.evaluate(() => window.cy.fit(undefined, 40));
  await clickNode(page, "FlashAttention-2");
  await page.locator("#panel h2", { hasText: "FlashAttention-2" }).waitFor();
  // Abstracts arrive after the panel opens (fetched for the papers it shows), then get their marks.
  await page.locator("#panel p.abstract mark").first().waitFor();
  const marks = await page.locator("#panel mark").allTextContents();
  expect(marks.length).toBeGreaterThan(0);
  expect(marks.some((m) => /FlashAttention/.test(m))).toBe(true);
  expect(page.url()).toContain("select=technique");

  await page.screenshot({ path: path.join(ARTIFACTS, "explore.png") });
  // The README's picture is refreshed on request only, so test runs leave the tree clean.
  const docShot = path.join(ROOT, "docs", "explorer.png");
  if (process.env.TECHTREE_UPDATE_SCREENSHOTS === "1" || !fs.existsSync(docShot)) await page.screenshot({ path: docShot });
  await page.close();
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

test("loading a view logs no console warning (cytoscape warned about a custom wheelSensitivity on every load)", async () => {
  consoleWarnings.length = 0;
  const page = await openPage(`${base}/explore?entity=FlashAttention`);
  await page.waitForFunction(() => window.cy?.nodes().length > 0);
  await page.locator("#status", { hasText: "edges around FlashAttention." }).waitFor();
  await page.close();
  expect(consoleWarnings).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test("the first view comes without sentences; clicking a builds-on edge reads and highlights its own", async () => {
  const page = await openPage(`${base}/explore?entity=FlashAttention&depth=2`);
  const pending: Promise<{ request: string; response: string } | null>[] = [];
  page.on("response", (r) => {
    // A response of the page before the reload below has no body left to read once the page
    // navigates away (Chromium drops it): such a response is skipped, not an error.
    if (r.url().endsWith("/graphql")) pending.push(r.text().then((response) => ({ request: r.request().postData() ?? "", response }), () => null));
  });
  const bodies = async () => (await Promise.all(pending)).filter((b): b is { request: string; response: string } => b !== null);
  await page.reload();
  await page.waitForFunction(() => window.cy?.edges().some((e: any) => e.data("type") === "BUILDS_ON"));
  const view = (await bodies()).find((b) => b.request.includes("neighbourhood("));
  expect(view).toBeDefined();
  expect(view!.response).toContain("BUILDS_ON");
  expect(view!.response).not.toContain("sentence");

  // The edge FlashAttention-2 -> FlashAttention, clicked where it is drawn.
  await page.evaluate(() => window.cy.fit(undefined, 40));
  const { edgeId, ...at } = await page.evaluate(() => {
    const cy = window.cy;
    const e = cy.edges().filter((x: any) => x.data("type") === "BUILDS_ON" && x.source().data("label") === "FlashAttention-2" && x.target().data("label") === "FlashAttention")[0];
    // Only this edge stays on the canvas, so the click cannot land on a node or another edge drawn across it.
    cy.elements().difference(e.union(e.connectedNodes())).style("display", "none");
    const m = e.renderedMidpoint();
    const r = cy.container().getBoundingClientRect();
    return { edgeId: e.id() as string, x: r.left + m.x, y: r.top + m.y };
  });
  await page.mouse.click(at.x, at.y);
  await page.locator("#panel h2", { hasText: "FlashAttention-2 builds on FlashAttention" }).waitFor();
  await page.locator("#panel p.abstract mark").first().waitFor();
  // Its sentences came from graphEdges (asked when the root's panel or the edge's opened), not with the view.
  const opened = (await bodies()).filter((b) => b.request.includes("graphEdges(") && b.request.includes(edgeId));
  expect(opened.length).toBeGreaterThan(0);
  expect(opened.every((b) => b.response.includes("sentence"))).toBe(true);
  const marks = await page.locator("#panel mark").allTextContents();
  expect(marks.some((m) => /FlashAttention/.test(m))).toBe(true);
  expect(page.url()).toContain("select=BUILDS_ON");
  await page.close();
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

test("a first visit offers the trending entities as places to start; one click draws its view", async () => {
  const page = await openPage(`${base}/explore`);
  const first = page.locator("#start button").first();
  await first.waitFor();
  const name = (await first.getAttribute("data-name"))!;
  expect(name.length).toBeGreaterThan(0);
  await first.click();
  await page.waitForFunction((n) => window.cy?.nodes().some((x: any) => x.data("label") === n), name);
  expect(new URL(page.url()).searchParams.get("entity")).toBe(name);
  await page.close();
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

test("a comparison's panel line carries the claim made against the entity", async () => {
  const page = await openPage(`${base}/explore?entity=vLLM&select=technique:vllm`);
  await page.locator("#panel h2", { hasText: "vLLM" }).waitFor();
  const line = page.locator("#panel p.edges", { hasText: "DeepSpeed-FastGen" });
  await line.waitFor();
  expect(await line.textContent()).toContain("compares to vLLM: up to 2.3x higher effective throughput");
  await page.close();
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

test("a shared URL restores the view; the depth slider and expanding a node grow the graph", async () => {
  const page = await openPage(`${base}/explore?entity=FlashAttention&depth=1`);
  await page.waitForFunction(() => window.cy?.nodes().length > 0);
  expect(await page.locator("#depth").inputValue()).toBe("1");
  const count = () => page.evaluate(() => window.cy.nodes().length as number);
  const shallow = await count();
  const hasGeb = () => page.evaluate(() => window.cy.nodes().some((n: any) => n.data("label") === "GEB-1.3B"));
  expect(await hasGeb()).toBe(false);

  // fill() on a range input fires input and change itself: a second change would start a second
  // load whose re-layout can land after the click below and move the node from under it.
  await page.locator("#depth").fill("2");
  await page.waitForFunction(() => window.cy.nodes().some((n: any) => n.data("label") === "GEB-1.3B"));
  expect(page.url()).toContain("depth=2");
  const deeper = await count();
  expect(deeper).toBeGreaterThan(shallow);

  await page.evaluate(() => window.cy.fit(undefined, 40));
  await clickNode(page, "GEB-1.3B");
  await page.locator("#expand").click();
  await page.waitForFunction((n) => window.cy.nodes().length > n, deeper);
  await page.screenshot({ path: path.join(ARTIFACTS, "explore-expanded.png") });
  await page.close();
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

test("a name with a typo: the status and the panel say nothing has that name and offer the closest names; one click draws it", async () => {
  const page = await openPage(`${base}/explore?entity=vLLM`);
  await page.locator("#panel h2", { hasText: "vLLM" }).waitFor();
  await page.locator("#search").fill("FlashAtention");
  await page.locator("#search").press("Enter");
  await page.locator("#status", { hasText: 'Nothing named "FlashAtention" in the graph. Did you mean FlashAttention' }).waitFor();
  // The panel no longer shows the previous entity's evidence under an empty graph.
  expect(await page.locator("#panel h2").allTextContents()).toEqual(['Nothing named "FlashAtention" in the graph.']);
  expect(await page.evaluate(() => window.cy.nodes().length)).toBe(0);
  const offered = await page.locator("#did-you-mean button").allTextContents();
  expect(offered[0]).toBe("FlashAttention");
  await page.locator("#did-you-mean button", { hasText: /^FlashAttention$/ }).click();
  await page.waitForFunction(() => window.cy.nodes().some((n: any) => n.data("label") === "FlashAttention-2"));
  expect(new URL(page.url()).searchParams.get("entity")).toBe("FlashAttention");
  await page.close();
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

/** The browser's own console line for a request that failed on purpose below; anything else is still an error. */
function takeFailedLoads(): string[] {
  const failed = consoleErrors.filter((m) => m.startsWith("Failed to load resource"));
  const rest = consoleErrors.filter((m) => !m.startsWith("Failed to load resource"));
  consoleErrors.splice(0, consoleErrors.length, ...rest);
  return failed;
}

test("the server down, or a proxy's error page instead of GraphQL: the status says so in words, not 'Failed to fetch' or a JSON parse error", async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.route("**/graphql", (r) => r.abort("connectionrefused"));
  await page.goto(`${base}/explore?entity=FlashAttention`);
  await page.locator("#status.error", { hasText: `Cannot reach the techtree server at 127.0.0.1:${server.port}; is it running (techtree up)?` }).waitFor();
  await page.unroute("**/graphql");
  await page.route("**/graphql", (r) => r.fulfill({ status: 502, contentType: "text/html", body: "<html><body>Bad Gateway</body></html>" }));
  await page.reload();
  await page.locator("#status.error", { hasText: "The techtree server answered HTTP 502" }).waitFor();
  expect(await page.locator("#status").textContent()).not.toContain("JSON");
  await page.close();
  expect(takeFailedLoads().length).toBeGreaterThan(0);
  expect(consoleErrors).toEqual([]);
});

test("an expand that fails (server gone for a moment) can be tried again: the Expand button stays usable", async () => {
  const page = await openPage(`${base}/explore?entity=FlashAttention&depth=1`);
  await page.waitForFunction(() => window.cy?.nodes().length > 0);
  await page.evaluate(() => window.cy.fit(undefined, 40));
  await clickNode(page, "FlashAttention-2");
  await page.locator("#panel h2", { hasText: "FlashAttention-2" }).waitFor();
  const before = await page.evaluate(() => window.cy.nodes().length as number);
  // Only the expansion's request fails: the view of one node by its id.
  await page.route("**/graphql", (r) => (/"id":"technique:flashattention2"/.test(r.request().postData() ?? "") ? r.abort("connectionrefused") : r.continue()));
  await page.locator("#expand").click();
  await page.locator("#status.error").waitFor();
  await page.unroute("**/graphql");
  expect(await page.locator("#expand").isEnabled()).toBe(true);
  await page.locator("#expand").click();
  await page.waitForFunction((n) => window.cy.nodes().length > n, before);
  await page.locator("#status", { hasText: "around FlashAttention-2" }).waitFor();
  await page.close();
  expect(takeFailedLoads().length).toBeGreaterThan(0);
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

test("two searches in a row: a slower answer for the first does not replace the second's view", async () => {
  const page = await openPage(`${base}/explore`);
  await page.locator("#start button").first().waitFor();
  const isFirst = (body: string) => body.includes("query Neighbourhood") && body.includes('"name":"FlashAttention"');
  // The first search's request is held until the second's view is drawn, then let through.
  let release = () => {};
  const gate = new Promise<void>((done) => { release = done; });
  let held = false;
  await page.route("**/graphql", async (r) => {
    const body = r.request().postData() ?? "";
    if (!held && isFirst(body)) {
      held = true;
      await gate;
    }
    return r.continue();
  });
  const firstAnswered = page.waitForResponse((r) => isFirst(r.request().postData() ?? ""), { timeout: 120_000 });
  await page.locator("#search").fill("FlashAttention");
  await page.locator("#search").press("Enter");
  await page.locator("#status", { hasText: "Loading FlashAttention…" }).waitFor();
  await page.locator("#search").fill("vLLM");
  await page.locator("#search").press("Enter");
  await page.locator("#status", { hasText: "edges around vLLM." }).waitFor();
  expect(held).toBe(true);
  release();
  await (await firstAnswered).finished();
  // The FlashAttention answer has come back; give the page a moment to (wrongly) draw it.
  await page.waitForTimeout(1500);
  await page.unroute("**/graphql");
  expect(await page.evaluate(() => window.cy.nodes(".root").map((n: any) => n.data("label")))).toEqual(["vLLM"]);
  expect(await page.locator("#status").textContent()).toMatch(/edges around vLLM\.$/);
  expect(new URL(page.url()).searchParams.get("entity")).toBe("vLLM");
  expect(new URL(page.url()).searchParams.get("select")).toBe("technique:vllm");
  await page.close();
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

test("a plural in the URL centres on its singular, as neighbourhood(name) does: ?entity=A100s and ?name=A100s draw the A100", async () => {
  for (const param of ["entity", "name"]) {
    const page = await openPage(`${base}/explore?${param}=A100s`);
    await page.locator("#status", { hasText: "edges around A100." }).waitFor();
    expect(await page.evaluate(() => window.cy.nodes(".root").map((n: any) => n.id()))).toEqual(["hardware:a100"]);
    await page.locator("#panel h2", { hasText: /^A100$/ }).waitFor();
    // The page writes its URL with entity=, the name as asked.
    expect(new URL(page.url()).searchParams.get("entity")).toBe("A100s");
    await page.close();
  }
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

test("expanded nodes are part of the URL: reloading or sharing it expands them again and keeps a selection among what they brought", async () => {
  const page = await openPage(`${base}/explore?entity=FlashAttention&depth=2`);
  await page.locator("#status", { hasText: "edges around FlashAttention." }).waitFor();
  const ids = () => page.evaluate(() => window.cy.nodes().map((n: any) => n.id()).sort() as string[]);
  const first = await ids();
  await page.evaluate(() => window.cy.fit(undefined, 40));
  await clickNode(page, "GEB-1.3B");
  await page.locator("#panel h2", { hasText: "GEB-1.3B" }).waitFor();
  await page.locator("#expand").click();
  await page.waitForFunction((n) => window.cy.nodes().length > n, first.length);
  await page.locator("#status", { hasText: "around GEB-1.3B" }).waitFor();
  const expanded = await ids();
  const brought = expanded.filter((id) => !first.includes(id) && !id.startsWith("p_"));
  expect(brought.length).toBeGreaterThan(0);
  await page.evaluate((id) => window.cy.getElementById(id).emit("tap"), brought[0]!);
  const url = new URL(page.url());
  expect(url.searchParams.get("expand")).toBe("technique:geb13b");
  expect(url.searchParams.get("select")).toBe(brought[0]);

  await page.goto(url.toString());
  await page.locator("#status", { hasText: "edges around FlashAttention and 1 expanded node." }).waitFor();
  expect(await ids()).toEqual(expanded);
  expect(await page.evaluate(() => window.cy.$(":selected").map((e: any) => e.id()))).toEqual([brought[0]]);
  expect(new URL(page.url()).searchParams.get("expand")).toBe("technique:geb13b");
  // A new search starts from a view of its own: nothing expanded.
  await page.locator("#search").fill("vLLM");
  await page.locator("#search").press("Enter");
  await page.locator("#status", { hasText: "edges around vLLM." }).waitFor();
  expect(new URL(page.url()).searchParams.get("expand")).toBeNull();
  await page.close();
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

test("Neo4j away during a search: the previous view does not stay under the new name; the panel says it could not draw it, and Try again draws it when Neo4j is back", async () => {
  const page = await openPage(`${base}/explore?entity=FlashAttention`);
  await page.locator("#status", { hasText: "edges around FlashAttention." }).waitFor();
  // What the server answers while Neo4j is stopped (src/api/errors.ts), for the view of vLLM only.
  const unavailable = { errors: [{ message: "the graph database is unavailable; try again shortly", extensions: { code: "DATABASE_UNAVAILABLE" } }] };
  await page.route("**/graphql", (r) => (/"name":"vLLM"/.test(r.request().postData() ?? "")
    ? r.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(unavailable) }) : r.continue()));
  await page.locator("#search").fill("vLLM");
  await page.locator("#search").press("Enter");
  await page.locator("#status.error", { hasText: "the graph database is unavailable" }).waitFor();
  expect(await page.evaluate(() => window.cy.nodes().length)).toBe(0);
  expect(await page.locator("#panel h2").allTextContents()).toEqual(['Could not draw "vLLM".']);
  expect(new URL(page.url()).searchParams.get("entity")).toBe("vLLM");
  await page.unroute("**/graphql");
  await page.locator("#retry").click();
  await page.locator("#status", { hasText: "edges around vLLM." }).waitFor();
  expect(await page.evaluate(() => window.cy.nodes(".root").map((n: any) => n.data("label")))).toEqual(["vLLM"]);
  await page.close();
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

test("in a 600 px window the status line stays in sight while the page scrolls: loading and errors are said where one looks", async () => {
  const page = await openPage(`${base}/explore?entity=FlashAttention`, { width: 600, height: 800 });
  await page.locator("#status", { hasText: "edges around FlashAttention." }).waitFor();
  const inSight = () => page.evaluate(() => {
    const r = window.document.getElementById("status").getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  expect(await inSight()).toBe(true);
  await page.evaluate(() => window.scrollTo(0, window.document.documentElement.scrollHeight));
  expect(await inSight()).toBe(true);
  await page.close();
  expect(consoleErrors).toEqual([]);
});

test("new since: the papers of a later page and the edges they state are highlighted, and the URL keeps the day", async () => {
  // A second page listed "Mar 24" (the seed is "Mar 17"), and what the graph says is new since Mar 20.
  await ingestFiles(db, [path.join(ROOT, "test", "fixtures", "watch-second-page.txt")]);
  const page = await openPage(`${base}/explore?entity=FlashAttention&depth=2`);
  await page.waitForFunction(() => window.cy?.nodes().length > 0);
  expect(await page.evaluate(() => window.cy.elements(".new").length)).toBe(0);

  await page.locator("#since").fill("Mar 20");
  await page.locator("#since").dispatchEvent("change");
  await page.locator("#status", { hasText: /new since Mar 20/ }).waitFor();
  expect(page.url()).toContain("since=Mar+20");
  const marked = () => page.evaluate(() => ({
    papers: window.cy.nodes(".new").filter((n: any) => n.data("kind") === "Paper").map((n: any) => n.id()).sort(),
    edges: window.cy.edges(".new").length as number,
  }));
  const secondPage = await db.readTx(async (tx) => (await tx.run("MATCH (p:Paper) WHERE p.sourceFile ENDS WITH 'watch-second-page.txt' RETURN p.id AS id")).records.map((r) => r.get("id") as string));
  const drawn: string[] = await page.evaluate(() => window.cy.nodes().filter((n: any) => n.data("kind") === "Paper").map((n: any) => n.id()));
  const expected = drawn.filter((id) => secondPage.includes(id)).sort();
  expect(expected.length).toBeGreaterThan(0);
  const first = await marked();
  expect(first.papers).toEqual(expected);
  expect(first.edges).toBeGreaterThan(0);
  await page.screenshot({ path: path.join(ARTIFACTS, "explore-new-since.png") });

  // The shared URL restores the highlight; clearing the day removes it.
  const again = await openPage(page.url());
  await again.locator("#status", { hasText: /new since Mar 20/ }).waitFor();
  expect(await again.locator("#since").inputValue()).toBe("Mar 20");
  expect((await again.evaluate(() => window.cy.nodes(".new").filter((n: any) => n.data("kind") === "Paper").map((n: any) => n.id()).sort()))).toEqual(expected);
  await again.locator("#since").fill("");
  await again.locator("#since").dispatchEvent("change");
  await again.waitForFunction(() => window.cy.elements(".new").length === 0);
  expect(again.url()).not.toContain("since=");
  // The status no longer claims highlights that are gone: it is the view's own line again.
  expect(await again.locator("#status").textContent()).toMatch(/^\d+ nodes, \d+ edges around FlashAttention\.$/);
  await page.close();
  await again.close();
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

/** Where the page's parts are drawn, in CSS pixels of the viewport. */
async function layoutBoxes(page: Page) {
  return page.evaluate(() => {
    const box = (sel: string) => {
      const r = window.document.querySelector(sel)!.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
    };
    return {
      scrollWidth: window.document.documentElement.scrollWidth,
      controls: ["h1", "#search", "#depth", "#since", "#share"].map(box),
      graph: box("#graph"),
      panel: box("#panel"),
      cyWidth: window.cy.width() as number,
    };
  });
}

test("a narrow window (800 or 600 px) reflows: the header wraps, the panel goes below the graph, nothing is off-screen; a wide one keeps the panel beside the graph", async () => {
  for (const [width, height] of [[800, 700], [600, 800]] as const) {
    const page = await openPage(`${base}/explore?entity=FlashAttention`, { width, height });
    await page.locator("#panel h2", { hasText: "FlashAttention" }).waitFor();
    const b = await layoutBoxes(page);
    expect(b.scrollWidth).toBeLessThanOrEqual(width);
    for (const c of b.controls) {
      expect(c.left).toBeGreaterThanOrEqual(0);
      expect(c.right).toBeLessThanOrEqual(width);
    }
    // The graph takes the whole width and a good part of the height; the panel follows below it.
    expect(b.graph.width).toBeGreaterThanOrEqual(width - 1);
    expect(b.graph.height).toBeGreaterThanOrEqual(300);
    expect(b.cyWidth).toBeLessThanOrEqual(width);
    expect(b.panel.left).toBeGreaterThanOrEqual(0);
    expect(b.panel.right).toBeLessThanOrEqual(width);
    expect(b.panel.top).toBeGreaterThanOrEqual(b.graph.bottom - 1);
    // Clicks still land on the node drawn under the pointer.
    await page.evaluate(() => window.cy.fit(undefined, 40));
    await clickNode(page, "FlashAttention-2");
    await page.locator("#panel h2", { hasText: "FlashAttention-2" }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, `explore-${width}.png`), fullPage: true });
    await page.close();
  }

  // A wide window narrowed to 800: the graph's canvas follows instead of holding the page at its old width.
  const page = await openPage(`${base}/explore?entity=FlashAttention`);
  await page.locator("#panel h2", { hasText: "FlashAttention" }).waitFor();
  const wide = await layoutBoxes(page);
  expect(wide.panel.left).toBeGreaterThanOrEqual(wide.graph.right - 1);
  expect(wide.panel.top).toBe(wide.graph.top);
  expect(wide.panel.width).toBe(400);
  expect(wide.scrollWidth).toBe(1400);
  await page.setViewportSize({ width: 800, height: 700 });
  await page.waitForFunction(() => window.document.documentElement.scrollWidth <= 800 && window.cy.width() <= 800, undefined, { timeout: 10_000 });
  await page.close();
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

test("typeahead with a typo: when no name starts with the text, the list offers the closest names, and the keyboard draws one", async () => {
  const page = await openPage(`${base}/explore`);
  await page.locator("#search").pressSequentially("FlashAtention", { delay: 20 });
  const option = page.locator('#suggestions li[data-name="FlashAttention"]');
  await option.waitFor();
  expect(await option.locator(".kind").textContent()).toBe("Technique");
  expect(await page.locator("#search").getAttribute("aria-expanded")).toBe("true");
  await page.locator("#search").press("ArrowDown");
  expect(await page.locator("#suggestions li").first().getAttribute("data-name")).toBe("FlashAttention");
  await page.locator("#search").press("Enter");
  await page.locator("#status", { hasText: "edges around FlashAttention." }).waitFor();
  expect(new URL(page.url()).searchParams.get("entity")).toBe("FlashAttention");
  await page.close();
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

test("the search box is a combobox a screen reader can follow: whether suggestions are open, the listbox it controls, the option the arrow keys reach", async () => {
  const page = await openPage(`${base}/explore`);
  const box = page.getByRole("combobox", { name: "Entity name" });
  expect(await box.getAttribute("aria-expanded", { timeout: 10_000 })).toBe("false");
  expect(await box.getAttribute("aria-controls")).toBe("suggestions");
  expect(await box.getAttribute("aria-autocomplete")).toBe("list");
  await box.pressSequentially("FlashAtt", { delay: 20 });
  const listbox = page.getByRole("listbox", { name: "Suggestions" });
  const options = listbox.getByRole("option");
  await options.first().waitFor();
  expect(await box.getAttribute("aria-expanded")).toBe("true");
  expect(await box.getAttribute("aria-activedescendant")).toBeNull();

  await box.press("ArrowDown");
  const first = await options.nth(0).getAttribute("id");
  expect(first).toMatch(/^suggestion-/);
  expect(await box.getAttribute("aria-activedescendant")).toBe(first);
  expect(await options.nth(0).getAttribute("aria-selected")).toBe("true");
  await box.press("ArrowDown");
  const second = await options.nth(1).getAttribute("id");
  expect(second).not.toBe(first);
  expect(await box.getAttribute("aria-activedescendant")).toBe(second);
  expect(await options.nth(0).getAttribute("aria-selected")).toBe("false");
  // The focus stays in the box: the suggestion is announced through aria-activedescendant.
  expect(await page.evaluate(() => window.document.activeElement.id)).toBe("search");

  await box.press("Escape");
  expect(await box.getAttribute("aria-expanded")).toBe("false");
  expect(await box.getAttribute("aria-activedescendant")).toBeNull();

  // Open again, arrow to a name, Enter draws it; the box says the list is closed.
  await box.fill("");
  await box.pressSequentially("vLL", { delay: 20 });
  await options.first().waitFor();
  await box.press("ArrowDown");
  const name = await page.locator(`#${(await box.getAttribute("aria-activedescendant"))!}`).getAttribute("data-name");
  await box.press("Enter");
  await page.waitForFunction((n) => window.cy.nodes(".root").map((x: any) => x.data("label"))[0] === n, name);
  expect(await box.getAttribute("aria-expanded")).toBe("false");
  await page.close();
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

test("the graph's nodes can be reached from the keyboard: a list of the view's nodes a screen reader reads, arrows move, Enter selects, Enter again expands", async () => {
  const page = await openPage(`${base}/explore?entity=FlashAttention&depth=1`);
  await page.locator("#panel h2", { hasText: "FlashAttention" }).waitFor();
  const list = page.getByRole("list", { name: "Nodes in the view" });
  const buttons = list.getByRole("button");
  const drawn = () => page.evaluate(() => window.cy.nodes().length as number);
  expect(await buttons.count()).toBe(await drawn());
  const focused = () => page.evaluate(() => window.document.activeElement?.textContent as string);

  // One tab stop after the header's controls, root first.
  await page.locator("#share").focus();
  await page.keyboard.press("Tab");
  expect(await focused()).toMatch(/^FlashAttention Technique/);
  // While the focus is in it, the list is shown over the graph for sighted keyboard users.
  expect((await list.boundingBox())!.width).toBeGreaterThan(100);
  for (let i = 0; i < 60 && !/^FlashAttention-2 /.test(await focused()); i++) await page.keyboard.press("ArrowDown");
  expect(await focused()).toMatch(/^FlashAttention-2 Technique/);
  // The node under the focus is ringed on the graph.
  expect(await page.evaluate(() => window.cy.nodes(".focused").map((n: any) => n.data("label")))).toEqual(["FlashAttention-2"]);

  await page.keyboard.press("Enter");
  await page.locator("#panel h2", { hasText: "FlashAttention-2" }).waitFor();
  expect(page.url()).toContain("select=technique%3Aflashattention2");
  expect(await list.locator('[aria-current="true"]').textContent()).toMatch(/^FlashAttention-2 /);
  // Tab goes on to the panel (its Expand button), Shift+Tab comes back to the same node.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => window.document.activeElement.id)).toBe("expand");
  await page.keyboard.press("Shift+Tab");
  expect(await focused()).toMatch(/^FlashAttention-2 /);

  const before = await drawn();
  await page.keyboard.press("Enter");
  await page.locator("#status", { hasText: "around FlashAttention-2" }).waitFor();
  expect(await drawn()).toBeGreaterThan(before);
  // The list follows the graph, and the focus stays on the node that was expanded.
  expect(await buttons.count()).toBe(await drawn());
  expect(await focused()).toMatch(/^FlashAttention-2 /);
  await page.close();
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

test("new since holds for what Expand brings in: a later page's paper that expanding CPU adds is highlighted, and stays so when the day is set again", async () => {
  await ingestFiles(db, [path.join(ROOT, "test", "fixtures", "watch-second-page.txt")]);
  const [mooncake] = await db.readTx(async (tx) => (await tx.run("MATCH (p:Paper) WHERE p.title STARTS WITH 'Mooncake' RETURN p.id AS id")).records.map((r) => r.get("id") as string));
  expect(mooncake).toBeDefined();
  const page = await openPage(`${base}/explore?entity=FlashAttention&depth=2&since=Mar+20`);
  await page.locator("#status", { hasText: /new since Mar 20/ }).waitFor();
  const has = (cls: string) => page.evaluate(([id, c]) => window.cy.getElementById(id).hasClass(c) as boolean, [mooncake!, cls]);
  expect(await page.evaluate((id) => window.cy.getElementById(id).length as number, mooncake!)).toBe(0);

  await page.evaluate(() => window.cy.fit(undefined, 40));
  await clickNode(page, "CPU");
  await page.locator("#panel h2", { hasText: /^CPU$/ }).waitFor();
  await page.locator("#expand").click();
  await page.waitForFunction((id) => window.cy.getElementById(id).length > 0, mooncake!);
  await page.waitForFunction((id) => window.cy.getElementById(id).hasClass("new"), mooncake!, { timeout: 20_000 });
  expect(await page.evaluate((id) => window.cy.getElementById(id).connectedEdges(".new").length as number, mooncake!)).toBeGreaterThan(0);
  await page.locator("#status", { hasText: /new since Mar 20/ }).waitFor();

  // Clearing the day and setting it again asks about the expanded part too.
  await page.locator("#since").fill("");
  await page.locator("#since").dispatchEvent("change");
  await page.waitForFunction(() => window.cy.elements(".new").length === 0);
  await page.locator("#since").fill("Mar 20");
  await page.locator("#since").dispatchEvent("change");
  await page.locator("#status", { hasText: /new since Mar 20/ }).waitFor();
  await page.waitForFunction((id) => window.cy.getElementById(id).hasClass("new"), mooncake!, { timeout: 20_000 });
  expect(await has("new")).toBe(true);
  await page.close();
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});
