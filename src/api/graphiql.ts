// A fully offline GraphiQL at /graphiql: the UMD builds of graphiql, react and react-dom served
// from node_modules by this process. A CSP pins every request to this origin, so nothing is
// fetched from a CDN (air-gapped users get the same IDE as everyone else).
import * as path from "node:path";
import express, { type Router } from "express";

const ASSETS: Readonly<Record<string, string>> = {
  "graphiql.min.js": "graphiql/graphiql.min.js",
  "graphiql.min.css": "graphiql/graphiql.min.css",
  "react.production.min.js": "react/umd/react.production.min.js",
  "react-dom.production.min.js": "react-dom/umd/react-dom.production.min.js",
};

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>techtree GraphiQL</title>
<link rel="stylesheet" href="/graphiql/assets/graphiql.min.css">
<link rel="stylesheet" href="/graphiql/assets/page.css">
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="/graphiql/assets/react.production.min.js"></script>
<script src="/graphiql/assets/react-dom.production.min.js"></script>
<script src="/graphiql/assets/graphiql.min.js"></script>
<script src="/graphiql/assets/init.js"></script>
</body>
</html>
`;

const INIT = `// Same-origin fetcher: POST application/json, which also satisfies the server's CSRF check.
(function () {
  var fetcher = GraphiQL.createFetcher({ url: new URL("/graphql", window.location.href).toString() });
  var defaultQuery = "# techtree: everything that builds on FlashAttention\\n{\\n  technique(name: \\"FlashAttention\\") {\\n    name\\n    builtOnBy(maxDepth: 3) { depth entity { name } }\\n  }\\n}\\n";
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery, defaultEditorToolsVisibility: true })
  );
})();
`;

const PAGE_CSS = "html, body, #graphiql { height: 100%; margin: 0; }\n";

export function graphiqlRouter(): Router {
  const router = express.Router();
  const nodeModules = path.dirname(path.dirname(require.resolve("graphiql/package.json")));
  router.get("/graphiql", (_req, res) => {
    res.set("content-security-policy", CSP).type("html").send(HTML);
  });
  router.get("/graphiql/assets/init.js", (_req, res) => {
    res.type("application/javascript").send(INIT);
  });
  router.get("/graphiql/assets/page.css", (_req, res) => {
    res.type("text/css").send(PAGE_CSS);
  });
  router.get("/graphiql/assets/:file", (req, res) => {
    const rel = ASSETS[req.params.file];
    if (!rel) {
      res.status(404).type("text").send("not found");
      return;
    }
    res.sendFile(path.join(nodeModules, rel), { maxAge: "1d", immutable: false });
  });
  return router;
}
