// Pure parts of the API: date keys, hardware table, cursors, suggestions, Lucene escaping,
// error formatting, resolver composition.
import { buildASTSchema, GraphQLError, type GraphQLObjectType } from "graphql";
import { dateArg, dateKey } from "../../src/api/dates";
import { parseDay } from "../../src/api/scalars";
import { formatError } from "../../src/api/errors";
import { classifyHardware } from "../../src/api/hardware";
import { luceneQuery } from "../../src/api/lucene";
import { paperUrl } from "../../src/api/fields/papers";
import { clampFirst, decodeCursor, encodeCursor, listTag, pageArgs, toConnection } from "../../src/api/paging";
import { isGraphqlPath } from "../../src/api/http-graphql";
import { mergeResolvers, resolvers } from "../../src/api/resolvers";
import { loadTypeDefs } from "../../src/api/schema";
import { fuzzyQuery, levenshtein, rankAuthorSuggestions, rankSuggestions } from "../../src/api/suggest";
import { DatabaseUnavailableError, QueryTimeoutError, TransientWriteError } from "../../src/graph/errors";

test.each([
  ["Mar 17", "0000-03-17"],
  ["March 7", "0000-03-07"],
  ["Mar. 17", "0000-03-17"],
  ["Apr 2, 2025", "2025-04-02"],
  ["2024-03-17", "2024-03-17"],
  ["2024-03-17T10:00:00Z", "2024-03-17"],
  ["yesterday", null],
  ["Foo 12", null],
])("dateKey(%p) = %p", (input, expected) => {
  expect(dateKey(input)).toBe(expected);
});

test("a date argument is a day and nothing more: text after an ISO day is refused, not dropped", () => {
  for (const bad of ["2020-01-01xyz", "2020-01-01 and then some", "2020-01-01T23:00:00-05:00", "2024-03-17T00:00:00Z"]) {
    expect(() => dateArg(bad, "filter.listedFrom")).toThrow(/not a date/);
    expect(() => parseDay(bad)).toThrow(/not a date/);
  }
  for (const [good, key] of [["2020-01-01", "2020-01-01"], [" 2020-01-01 ", "2020-01-01"], ["Mar 17", "0000-03-17"], ["Apr 2, 2025", "2025-04-02"]] as const) {
    expect(dateArg(good, "filter.listedFrom")).toBe(key);
    expect(parseDay(good)).toBe(key);
  }
});

test("dateArg rejects what is not a calendar date", () => {
  expect(dateArg(undefined, "x")).toBeNull();
  expect(() => dateArg("2024-13-45", "x")).toThrow(GraphQLError);
  expect(() => dateArg(42, "x")).toThrow(GraphQLError);
});

test.each([
  ["A100", [], "GPU", "NVIDIA"],
  ["H100", [], "GPU", "NVIDIA"],
  ["MI250X", [], "GPU", "AMD"],
  ["GPU", [], "GPU", null],
  ["TPU", ["TPU v4"], "TPU", "Google"],
  ["iPhone 12", [], "MOBILE", "Apple"],
  ["Pixel phone", [], "MOBILE", "Google"],
  ["Snapdragon 8 Gen 2", [], "MOBILE", "Qualcomm"],
  ["edge devices", [], "MOBILE", null],
  ["Huawei Ascend", ["Ascend 910"], "ACCELERATOR", "Huawei"],
  ["Gaudi2", [], "ACCELERATOR", "Intel"],
  ["accelerators", [], "ACCELERATOR", null],
  ["HBM", [], "MEMORY", null],
  ["NVMe", [], "MEMORY", null],
  ["NVLink", [], "INTERCONNECT", "NVIDIA"],
  ["InfiniBand", [], "INTERCONNECT", null],
  ["Frontier", ["Frontier supercomputer"], "CLUSTER", null],
  ["DGX A100", [], "CLUSTER", "NVIDIA"],
  ["Xeon Platinum 8380", [], "CPU", "Intel"],
  ["CPU", [], "CPU", null],
  ["FPGA", [], "OTHER", null],
])("classifyHardware(%p) is %p by %p", (name, aliases, category, vendor) => {
  expect(classifyHardware(name, aliases)).toEqual({ category, vendor });
});

test("cursors round-trip and garbage is BAD_USER_INPUT", () => {
  const list = listTag("papersConnection", null, { filter: { technique: "FlashAttention" } });
  expect(decodeCursor(encodeCursor(41, list), list)).toBe(41);
  expect(pageArgs({ first: 5, after: encodeCursor(9, list) }, list)).toEqual({ skip: 10, limit: 5, list });
  for (const bad of ["", "xyz", "o:1", Buffer.from("o:-1").toString("base64url"), Buffer.from("o:1").toString("base64url"), Buffer.from("o:1:short").toString("base64url"), 5]) {
    expect(() => decodeCursor(bad, list)).toThrow(GraphQLError);
  }
});

test("a cursor is good only for the list it came from: field, parent and every argument but first and after", () => {
  const list = listTag("papersConnection", null, { filter: { technique: "FlashAttention", includeVariants: true }, orderBy: "TITLE", first: 2 });
  // The same list however its arguments are ordered, paged or left at their defaults (null).
  expect(listTag("papersConnection", null, { orderBy: "TITLE", after: "x", filter: { includeVariants: true, technique: "FlashAttention", text: null }, since: null })).toBe(list);
  const others = [
    listTag("papersConnection", null, { filter: { technique: "FlashAttention", includeVariants: true }, orderBy: "INPUT_ORDER" }),
    listTag("papersConnection", null, { filter: { technique: "FlashAttention", includeVariants: false }, orderBy: "TITLE" }),
    listTag("papersConnection", null, { filter: { hardware: "FlashAttention", includeVariants: true }, orderBy: "TITLE" }),
    listTag("search", null, { filter: { technique: "FlashAttention", includeVariants: true }, orderBy: "TITLE" }),
    listTag("papersConnection", "technique:flashattention", { filter: { technique: "FlashAttention", includeVariants: true }, orderBy: "TITLE" }),
  ];
  expect(new Set([list, ...others]).size).toBe(others.length + 1);
  const cursor = encodeCursor(3, list);
  for (const other of others) {
    expect(() => decodeCursor(cursor, other)).toThrow(/cursor of another list/);
    try { decodeCursor(cursor, other); } catch (e) { expect((e as GraphQLError).extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "after" }); }
  }
});

test("first is 1..100", () => {
  expect(clampFirst(undefined)).toBe(20);
  expect(clampFirst(100)).toBe(100);
  for (const bad of [0, -1, 101, 100000, 2.5, "3"]) expect(() => clampFirst(bad)).toThrow(/first/);
});

test("toConnection: the extra row only sets hasNextPage; each edge's cursor names its offset in its list", () => {
  const list = listTag("search", null, { text: "x" });
  const c = toConnection({ total: 7, page: ["c", "d", "e"] }, { skip: 2, limit: 2, list }, (x) => ({ node: x, score: null }));
  expect(c.edges.map((e) => e.node)).toEqual(["c", "d"]);
  expect(c.edges.map((e) => e.cursor)).toEqual([encodeCursor(2, list), encodeCursor(3, list)]);
  expect(c.edges.map((e) => decodeCursor(e.cursor, list))).toEqual([2, 3]);
  expect(c.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true, startCursor: encodeCursor(2, list), endCursor: encodeCursor(3, list) });
  expect(c.totalCount).toBe(7);
  const empty = toConnection<string, string>(undefined, { skip: 0, limit: 5, list }, (x) => ({ node: x, score: null }));
  expect(empty.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
});

test("Lucene: every operator is escaped, bare operators are lower-cased", () => {
  expect(luceneQuery(`title:x AND (y OR z)~ "q" *`)).toBe(`title\\:x and \\(y or z\\)\\~ \\"q\\" \\*`);
  expect(luceneQuery("   ")).toBe("");
  expect(fuzzyQuery("flashatention")).toBe("flashatention~");
  expect(fuzzyQuery("Flash Atention")).toBe("flash~ atention~ flashatention~");
  expect(fuzzyQuery("!!! ???")).toBeNull();
});

test("suggestions: closest key first, the asked-for kind wins ties, versions stay apart", () => {
  expect(levenshtein("flashatention", "flashattention")).toBe(1);
  const e = (name: string, key: string, kind: "Technique" | "Hardware", aliasKeys: string[] = []) => ({ entity: { id: `${kind}:${key}`, name, key, kind, aliases: [], aliasKeys }, score: 1 });
  const ranked = rankSuggestions("flashatention", "Technique", [e("FlashAttention-2", "flashattention2", "Technique"), e("FlashAttention", "flashattention", "Technique")]);
  expect(ranked.map((s) => s.name)).toEqual(["FlashAttention", "FlashAttention-2"]);
  const a100 = rankSuggestions("A100", "Technique", [e("A100", "a100", "Hardware")]);
  expect(a100).toEqual([{ name: "A100", kind: "Hardware" }]);
});

test("formatError: database errors and internals", () => {
  const wrap = (original: Error) => Object.assign(new GraphQLError(original.message), { originalError: original });
  const db = formatError({ message: "x" }, wrap(new DatabaseUnavailableError("Neo4j is unavailable: ECONNREFUSED 127.0.0.1:7687")), true);
  expect(db).toMatchObject({ extensions: { code: "DATABASE_UNAVAILABLE" } });
  expect(db.message).not.toMatch(/127\.0\.0\.1/);
  const conflict = formatError({ message: "x" }, wrap(new TransientWriteError("Neo.TransientError.Transaction.DeadlockDetected", 10, 21_000, new Error("ForsetiClient[...]"))), true);
  expect(conflict).toMatchObject({ message: "the write kept conflicting with concurrent writes; try again shortly", extensions: { code: "DATABASE_UNAVAILABLE" } });
  const internal = formatError({ message: "Cannot read properties of undefined (MATCH (n:Secret))", extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: ["at x"] } }, wrap(new TypeError("boom")), true);
  expect(internal).toEqual({ message: "internal server error", locations: undefined, path: undefined, extensions: { code: "INTERNAL_SERVER_ERROR" } });
  // A timed-out read says what to do: a Neo4j just started (or busy) answered every query this way for a minute.
  const timeout = formatError({ message: "x" }, wrap(new QueryTimeoutError("the query took longer than the configured transaction timeout")), true);
  expect(timeout.extensions?.code).toBe("QUERY_TOO_COMPLEX");
  expect(timeout.message).toMatch(/^the query took too long and was stopped \(over TECHTREE_QUERY_TIMEOUT_MS; .*try again, or ask for less/);
  // graphql-js's parser limit (parseOptions.maxTokens), in its own words ("more that" is its spelling).
  const tokens = formatError({ message: "Syntax Error: Document contains more that 2000 tokens. Parsing aborted.", extensions: { code: "GRAPHQL_PARSE_FAILED" } }, new GraphQLError("x"), true);
  expect(tokens).toEqual({ message: "Token limit of 2000 exceeded: the document is too long to parse", extensions: { code: "QUERY_TOO_COMPLEX" } });
  const depth = formatError({ message: "Syntax Error: Query depth limit of 12 exceeded, found 20.", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }, new GraphQLError("x"), true);
  expect(depth.extensions?.code).toBe("QUERY_TOO_COMPLEX");
});

test("resolver modules merge by type and refuse to define a field twice", () => {
  expect(Object.keys((resolvers as any).Query)).toEqual(expect.arrayContaining(["technique", "papers", "papersConnection", "search", "lineagePath", "trending", "hardwareUsage", "stats"]));
  expect(Object.keys((resolvers as any).Mutation)).toEqual(["ingest", "deletePaper", "confirmFact", "rejectFact", "addFact", "mergeEntities", "splitAlias", "renameEntity", "setEntityKind", "undoCuration"]);
  expect(() => mergeResolvers([{ Query: { a: 1 } }, { Query: { a: 2 } }])).toThrow(/Query\.a/);
  expect(mergeResolvers([{ Query: { a: 1 } }, { Query: { b: 2 }, Paper: { c: 3 } }])).toEqual({ Query: { a: 1, b: 2 }, Paper: { c: 3 } });
});

test("the lean GraphQL route takes /graphql with or without a query string, nothing else", () => {
  for (const url of ["/graphql", "/graphql/", "/graphql?query=%7B%7D", "/graphql/?x=1"]) expect({ url, ok: isGraphqlPath(url) }).toEqual({ url, ok: true });
  for (const url of ["/graphiql", "/graphql/assets/x.js", "/graphqlx", "/", undefined]) expect({ url, ok: isGraphqlPath(url) }).toEqual({ url, ok: false });
});

test("a paper's url is its arXiv page, else its DOI, else its Semantic Scholar or OpenAlex page, else none", () => {
  const none = { arxivId: null, doi: null, s2Id: null, openalexId: null };
  expect(paperUrl({ ...none, arxivId: "2307.08691", doi: "10.48550/arxiv.2307.08691" })).toBe("https://arxiv.org/abs/2307.08691");
  expect(paperUrl({ ...none, doi: "10.1145/3600006.3613165", s2Id: "abc" })).toBe("https://doi.org/10.1145/3600006.3613165");
  expect(paperUrl({ ...none, s2Id: "0a00000000000000000000000000000000000001", openalexId: "W1" })).toBe("https://www.semanticscholar.org/paper/0a00000000000000000000000000000000000001");
  expect(paperUrl({ ...none, openalexId: "W4385245566" })).toBe("https://openalex.org/W4385245566");
  expect(paperUrl(none)).toBeNull();
});

test("Comparison.figure's description says a claim a person added has its figure, as addFact stores it (test/integration/curation.test.ts reads it back)", () => {
  const schema = buildASTSchema(loadTypeDefs());
  const figure = (schema.getType("Comparison") as GraphQLObjectType).getFields().figure!.description ?? "";
  expect(figure).toMatch(/addFact is read the same way/);
  expect(figure).not.toMatch(/null[^.]*person added/);
});

test("author suggestions put names holding the asked-for key first, then the nearest, then the most published, each name once", () => {
  const a = (name: string, papers: number, score = 1) => ({ name, papers, score });
  // A surname alone: the authors whose names hold it, before a shorter name one edit away.
  expect(rankAuthorSuggestions("Dao", [a("Tao", 9), a("Tri Dao", 2), a("Dao Chen", 1)])).toEqual(["Tri Dao", "Dao Chen", "Tao"]);
  // A typo: the nearest key first; equal distances go to the author with more papers; spellings of one key once.
  expect(rankAuthorSuggestions("Tri Dau", [a("Tri Dai", 1), a("Tri Dao", 3), a("tri dao", 3), a("Trish Dawson", 8)])).toEqual(["Tri Dao", "Tri Dai", "Trish Dawson"]);
  expect(rankAuthorSuggestions("Nobody", [])).toEqual([]);
});
