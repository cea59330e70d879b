/**
 * Two projects: unit tests need nothing; integration tests get a real Neo4j that
 * test/helpers/global-setup.ts starts (or NEO4J_URI, see README "Testing").
 * @type {import('jest').Config}
 */
const base = { preset: "ts-jest", testEnvironment: "node" };
module.exports = {
  projects: [
    { ...base, displayName: "unit", roots: ["<rootDir>/test/unit"] },
    {
      ...base,
      displayName: "integration",
      roots: ["<rootDir>/test/integration"],
      globalSetup: "<rootDir>/test/helpers/global-setup.ts",
      globalTeardown: "<rootDir>/test/helpers/global-teardown.ts",
    },
  ],
  testTimeout: 120000,
};
