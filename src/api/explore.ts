// The /explore page: plain HTML/CSS/JS from web/explore plus cytoscape's UMD build from
// node_modules, all served locally (no CDN). The page talks only to POST /graphql.
import * as path from "node:path";
import express, { type Express } from "express";
import { fromRoot } from "../paths";

export function mountExplorer(app: Express): void {
  const dir = fromRoot("web", "explore");
  const cytoscape = require.resolve("cytoscape/dist/cytoscape.min.js");
  app.get("/explore", (_req, res) => {
    res.sendFile(path.join(dir, "index.html"));
  });
  app.get("/explore/static/cytoscape.min.js", (_req, res) => {
    res.sendFile(cytoscape, { maxAge: "1d" });
  });
  app.use("/explore/static", express.static(dir, { index: false, maxAge: "5m" }));
}
