// Every named statement has a file and every file a name; depth bounds are validated and inlined.
import { cypherFiles, schemaStatements, statement, STATEMENT_NAMES, withMaxDepth } from "../../src/graph/statements";

test("every .cypher file under write/ and read/ is registered, and every name has a file", () => {
  expect([...STATEMENT_NAMES].sort()).toEqual(cypherFiles());
  for (const name of STATEMENT_NAMES) expect(statement(name).length).toBeGreaterThan(10);
});

test("schema statements are idempotent", () => {
  const all = schemaStatements();
  expect(all.length).toBeGreaterThan(0);
  for (const s of all) expect(s.text).toMatch(/IF NOT EXISTS/);
});

test("every schema statement names the object it creates, once (applySchema skips what exists by name)", () => {
  const objects = schemaStatements().map((s) => s.object);
  expect(objects).toContain("paper_id");
  expect(objects).toContain("entity_names");
  expect(new Set(objects).size).toBe(objects.length);
});

test.each([
  [1, "*1..1]"],
  [3, "*1..3]"],
  [10, "*1..10]"],
])("withMaxDepth(%i) inlines the bound", (depth, varLength) => {
  expect(withMaxDepth("read/lineage-path", depth)).toContain(varLength);
});

test.each([0, 11, 2.5, -1, Number.NaN])("withMaxDepth rejects %p", (depth) => {
  expect(() => withMaxDepth("read/lineage-path", depth)).toThrow(RangeError);
});

test("read/neighbourhood-root-level walks its first level with read/lineage-step's text, line for line", () => {
  // The view's first statement carries a copy of the lineage step (Cypher has no includes); a change
  // to one that is not made to the other would make the view's first level differ from the walk's.
  const lines = (name: "read/lineage-step" | "read/neighbourhood-root-level") =>
    statement(name).split("\n").map((l) => l.trim()).filter(Boolean);
  const step = lines("read/lineage-step");
  const from = step.indexOf("UNWIND walk.frontier AS fid");
  const to = step.indexOf("RETURN collect(DISTINCT hop) AS evidence");
  expect(from).toBeGreaterThanOrEqual(0);
  expect(to).toBeGreaterThan(from + 20);
  const body = step.slice(from, to + 1).join("\n");
  expect(lines("read/neighbourhood-root-level").join("\n")).toContain(body);
});

test("read/lineage-{down,up}-from-name look a name up with read/find-entity's steps, line for line", () => {
  // The plural fallback (key, alias, singular, singular alias) lives in the statements; the three that
  // take one name and kind must not drift apart, or technique(name) would find another entity with
  // a builtOnBy selected than without.
  const lines = (name: "read/find-entity" | "read/lineage-down-from-name" | "read/lineage-up-from-name") =>
    statement(name).split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("//"));
  const find = lines("read/find-entity");
  const body = find.slice(0, find.findIndex((l) => l.startsWith("RETURN e {"))).join("\n");
  expect(body).toContain("$singular");
  for (const name of ["read/lineage-down-from-name", "read/lineage-up-from-name"] as const) expect(lines(name).join("\n")).toContain(body);
});

test("read/changes looks its followed names up with read/find-entities' steps, line for line", () => {
  // changes(follow:) reads its names inside its one statement; the digest's and the feeds' follow
  // look-ups use read/find-entities. The two must find the same entity for a name ("A100s" follows
  // the A100 in both), so the steps are the same text.
  const lines = (name: "read/find-entities" | "read/changes") =>
    statement(name).split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("//"));
  const find = lines("read/find-entities");
  const last = find.indexOf("WITH name, coalesce(found, bySingularAlias) AS e");
  expect(last).toBeGreaterThan(0);
  const body = find.slice(0, last + 1).join("\n");
  expect(body).toContain("name.singular");
  expect(lines("read/changes").join("\n")).toContain(body);
});

test("read/changes reads the followed entities' corrections with read/entity-corrections' lines, in order", () => {
  // changes(follow:) lists the corrections touching a followed entity inside its one statement; the
  // feeds read them with read/entity-corrections. Both must pick and order the same corrections, so
  // every line of the latter stands in the former, in the same order, reading the ids and keys it
  // found where the feeds pass $ids and $keys, and naming the list's rows with WITH instead of RETURN.
  const norm = (l: string) =>
    l.replace(/\$(ids|keys)\b/g, "$1").replace(/^WITH (ids, keys, )?c, /, "WITH c, ").replace(/^RETURN id, size\(cs\)/, "WITH id, size(cs)");
  const lines = (name: "read/entity-corrections" | "read/changes") =>
    statement(name).split("\n").map((l) => norm(l.trim())).filter((l) => l && !l.startsWith("//"));
  const corrections = lines("read/entity-corrections");
  const changes = lines("read/changes");
  expect(corrections).toContain("WITH c, [x IN split(coalesce(c.factId, ''), '|') WHERE x CONTAINS ':'] + [x IN [c.entity, c.from, c.into] WHERE x IS NOT NULL] AS touched");
  let at = changes.indexOf("MATCH (c:Curation) WHERE c.at >= $since RETURN c") - 1;
  expect(at).toBeGreaterThan(0);
  for (const line of corrections) {
    const next = changes.indexOf(line, at);
    expect([line, next >= at]).toEqual([line, true]);
    at = next + 1;
  }
});
