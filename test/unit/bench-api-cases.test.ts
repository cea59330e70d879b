// bench:api asks one question per field of Query (bench/api-cases.ts): a field added to
// schema.graphql without a case here fails, and every case's query validates against the schema
// and asks the field it is filed under.
import * as fs from "node:fs";
import * as path from "node:path";
import { buildASTSchema, parse, validate, type OperationDefinitionNode } from "graphql";
import { loadTypeDefs } from "../../src/api/schema";
import { CASES, type Subjects } from "../../bench/api-cases";

const schema = buildASTSchema(loadTypeDefs());
const subjects: Subjects = { paper: { id: "p1", title: "A paper" }, topic: "t1", path: { from: "A", to: "B" }, since: "2026-12-05T10:00:00.000Z", rootEdges: ["BUILDS_ON:technique:flashattention2->technique:flashattention"] };

test("every Query field has exactly one bench case", () => {
  const fields = Object.keys(schema.getQueryType()!.getFields()).sort();
  expect(CASES.map((c) => c.field).sort()).toEqual(fields);
});

test.each(CASES.map((c) => [c.field, c] as const))("%s: the case's query is valid and asks that field", (field, c) => {
  const doc = parse(c.graphql(subjects));
  expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
  const op = doc.definitions[0] as OperationDefinitionNode;
  const top = op.selectionSet.selections.map((s) => (s.kind === "Field" ? s.name.value : s.kind));
  expect(top).toEqual([field]);
});

// Every statement a bench file runs gets every parameter its Cypher names: a statement that gains a
// parameter ($since, $author) fails in Neo4j at bench time, not at compile time, as bench/run.ts's
// read/papers-search did. Read from the source: "read/NAME" followed by an object literal of keys.
const BENCH = path.join(__dirname, "..", "..", "bench");

/** The top-level keys of the object literal opening at text[start] ("{"); null if it spreads another object. */
function literalKeys(text: string, start: number): string[] | null {
  let depth = 0;
  let part = "";
  const parts: string[] = [];
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if ("{[(".includes(c)) depth++;
    if ("}])".includes(c)) depth--;
    if (depth === 0) break;
    if (depth === 1 && c === ",") { parts.push(part); part = ""; continue; }
    if (!(depth === 1 && c === "{")) part += c;
  }
  parts.push(part);
  const keys = parts.map((p) => p.trim()).filter(Boolean);
  if (keys.some((k) => k.startsWith("..."))) return null;
  return keys.map((k) => /^([A-Za-z_]\w*)/.exec(k)![1]!);
}

function cypherParams(name: string): string[] {
  const text = fs.readFileSync(path.join(__dirname, "..", "..", "cypher", `${name}.cypher`), "utf8");
  const code = text.split("\n").filter((l) => !l.trimStart().startsWith("//")).join("\n");
  return [...new Set([...code.matchAll(/\$([A-Za-z_]\w*)/g)].map((m) => m[1]!))].sort();
}

const calls = fs.readdirSync(BENCH).filter((f) => f.endsWith(".ts")).flatMap((file) => {
  const text = fs.readFileSync(path.join(BENCH, file), "utf8");
  return [...text.matchAll(/"((?:read|write)\/[a-z-]+)"\s*([,)])\s*/g)].map((m) => {
    const after = m.index! + m[0].length;
    const keys = m[2] === ")" ? [] : text[after] === "{" ? literalKeys(text, after) : null;
    return [`${file} ${m[1]}`, m[1]!, keys] as const;
  });
});

test("bench files name statements and pass their parameters as literals (so the check below sees them)", () => {
  expect(calls.length).toBeGreaterThanOrEqual(30);
  expect(calls.filter(([, , keys]) => keys === null).map(([label]) => label)).toEqual([]);
});

test.each(calls.map(([label, name, keys]) => [label, name, keys] as const))("%s gets every parameter its statement names", (_label, name, keys) => {
  expect([...(keys ?? [])].sort()).toEqual(expect.arrayContaining(cypherParams(name)));
});
