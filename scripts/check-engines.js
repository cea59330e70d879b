#!/usr/bin/env node
// Fails when any installed package declares an engines.node range that excludes this Node.
// Run after npm ci: node scripts/check-engines.js
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const semver = require("semver");

const bad = [];
function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const p = path.join(dir, e.name);
    if (e.name.startsWith("@")) { walk(p); continue; }
    const manifest = path.join(p, "package.json");
    if (fs.existsSync(manifest)) {
      const j = JSON.parse(fs.readFileSync(manifest, "utf8"));
      const range = j.engines && j.engines.node;
      if (typeof range === "string" && !semver.satisfies(process.versions.node, range)) bad.push(`${j.name}@${j.version} needs node ${range}`);
    }
    const nested = path.join(p, "node_modules");
    if (fs.existsSync(nested)) walk(nested);
  }
}
walk(path.join(__dirname, "..", "node_modules"));
if (bad.length) {
  console.error(`packages that do not support node ${process.versions.node}:\n  ${bad.join("\n  ")}`);
  process.exit(1);
}
console.log(`every installed package supports node ${process.versions.node}`);
