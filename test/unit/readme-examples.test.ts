// Every GraphQL query of the README is one of the named operations of examples/queries.graphql
// (test/integration/examples.test.ts runs every one of those against the seed graph).
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, print, type OperationDefinitionNode } from "graphql";

const root = path.join(__dirname, "..", "..");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
const ops = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)]
  .flatMap((m) => m[1]!.split(/\n(?=\{)/).map((q) => q.replace(/^#.*$/gm, "").trim()).filter(Boolean));
const examples = parse(fs.readFileSync(path.join(root, "examples", "queries.graphql"), "utf8"));
const bodies = new Set(examples.definitions.map((d) => print((d as OperationDefinitionNode).selectionSet)));

test.each(ops.map((q) => [q.replace(/\s+/g, " ").slice(0, 70), q]))("README query is in examples/queries.graphql: %s", (_l, q) => {
  const op = parse(q).definitions[0] as OperationDefinitionNode;
  expect(bodies.has(print(op.selectionSet))).toBe(true);
});
