#!/usr/bin/env node
"use strict";
// Entry point of the `techtree` command: runs the compiled CLI (npm install / npm run build makes dist/).
const path = require("node:path");
const fs = require("node:fs");
const main = path.join(__dirname, "..", "dist", "src", "cli", "main.js");
if (!fs.existsSync(main)) {
  process.stderr.write("techtree: not built yet; run `npm run build` (or `npm install`) in " + path.dirname(__dirname) + "\n");
  process.exit(1);
}
require(main).runCli(process.argv.slice(2));
