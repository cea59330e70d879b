// bench:api asks one question per field of Query (bench/api-cases.ts): a field added to
// schema.graphql without a case here fails, and every case's query validates against the schema
// and asks the field it is filed under.
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
