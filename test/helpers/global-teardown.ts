import * as fs from "node:fs";
// For the type of globalThis.__TECHTREE_NEO4J__, which global-setup declares (ts-jest compiles this
// file on its own when only it changed, and then did not know it).
import type {} from "./global-setup";

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__TECHTREE_NEO4J__;
  if (!state?.managed) return;
  await state.managed.stop();
  // The guard may take start.lock once more as it ends: retry rather than fail the run on ENOTEMPTY.
  if (state.home) fs.rmSync(state.home, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}
