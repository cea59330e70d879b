import { ConfigError, readConfig } from "../../src/config";

test("defaults", () => {
  const c = readConfig({});
  expect(c.neo4j.uri).toBeNull();
  expect(c.port).toBe(4000);
  expect(c.host).toBe("127.0.0.1");
  expect(c.home).toMatch(/\.techtree$/);
  expect(c.apiKey).toBeUndefined();
});

test.each([
  [{ NEO4J_URI: "http://x" }, /not a Neo4j URI/],
  [{ NEO4J_PASSWORD: "secret" }, /NEO4J_URI is not/],
  [{ PORT: "70000" }, /PORT=70000/],
  [{ PORT: "abc" }, /PORT=abc/],
])("contradictions fail fast: %j", (env, message) => {
  expect(() => readConfig(env)).toThrow(ConfigError);
  expect(() => readConfig(env)).toThrow(message);
});

test("an external Neo4j", () => {
  const c = readConfig({ NEO4J_URI: "neo4j+s://abc.databases.neo4j.io", NEO4J_USER: "u", NEO4J_PASSWORD: "p" });
  expect(c.neo4j).toEqual({ uri: "neo4j+s://abc.databases.neo4j.io", user: "u", password: "p", database: undefined });
});
