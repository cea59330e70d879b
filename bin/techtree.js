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
// The service runs in production mode unless told otherwise: clients never see stack traces, and
// graphql-js, which reads NODE_ENV once when it loads, skips its development-only checks (Apollo and
// graphql-js took about a tenth less CPU per search request, docs/api.md). NODE_ENV=development
// brings back the error details.
const command = process.argv[2];
if ((command === "serve" || command === "up") && !process.env.NODE_ENV) process.env.NODE_ENV = "production";
require(main).runCli(process.argv.slice(2));
