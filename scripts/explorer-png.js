#!/usr/bin/env node
// Redraws docs/explorer.png, the picture of /explore in README.md and docs/visualise.md, from a
// running techtree server on the seed graph: FlashAttention at lineage depth 2, FlashAttention-2
// expanded (the URL keeps it) and selected, so the panel shows its paper with the evidence
// highlighted and the footer the legend and the status line. Debian's chromium, driven by
// playwright-core as test/integration/explore.test.ts does; no browser is downloaded.
// Usage: techtree up (or techtree serve on the seed), then
//   npm run docs:explorer-png [-- --url http://127.0.0.1:4000] [-- --out docs/explorer.png]
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { chromium } = require("playwright-core");

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const ROOT = path.join(__dirname, "..");

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main() {
  const base = option("url", `http://127.0.0.1:${process.env.PORT ?? 4000}`).replace(/\/+$/, "");
  const out = path.resolve(ROOT, option("out", "docs/explorer.png"));
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM to a Chromium binary)`);
  const view = "/explore?entity=FlashAttention&depth=2&expand=technique:flashattention2&select=technique:flashattention2";
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(base + view);
    // Drawn: the root's view and the expansion, the panel on FlashAttention-2 with its sentences read.
    await page.locator("#status", { hasText: "and 1 expanded node." }).waitFor({ timeout: 120_000 });
    await page.locator("#panel h2", { hasText: /^FlashAttention-2$/ }).waitFor({ timeout: 120_000 });
    await page.locator("#panel p.abstract mark").first().waitFor({ timeout: 120_000 });
    const problem = await page.locator("#status.error").count();
    if (problem || errors.length) throw new Error(`the page reports a problem: ${errors.join("; ") || await page.locator("#status").textContent()}`);
    await page.screenshot({ path: out });
    const status = await page.locator("#status").textContent();
    process.stdout.write(`${path.relative(ROOT, out)}: ${base}${view}\nstatus: ${status}\n`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(`explorer-png: ${e.message}\n`);
  process.exit(1);
});
