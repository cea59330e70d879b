// Every ```graphql block of README.md parses and validates against schema.graphql, so the
// documented queries cannot drift from the API.
import * as fs from "node:fs";
import * as path from "node:path";
import { buildASTSchema, parse, validate } from "graphql";
import { loadTypeDefs } from "../../src/api/schema";

const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
// A block may hold several operations, one per top-level { … } line group.
const operations = blocks.flatMap((b) => b.split(/\n(?=\{)/).map((q) => q.replace(/^#.*$/gm, "").trim()).filter(Boolean));

test("README has GraphQL examples", () => {
  expect(operations.length).toBeGreaterThanOrEqual(8);
});

const schema = buildASTSchema(loadTypeDefs());

test.each(operations.map((q) => [q.replace(/\s+/g, " ").slice(0, 70), q]))("%s", (_label, q) => {
  expect(validate(schema, parse(q)).map((e) => e.message)).toEqual([]);
});
