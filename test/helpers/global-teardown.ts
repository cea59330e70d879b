import * as fs from "node:fs";

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__TECHTREE_NEO4J__;
  if (!state?.managed) return;
  await state.managed.stop();
  // The guard may take start.lock once more as it ends: retry rather than fail the run on ENOTEMPTY.
  if (state.home) fs.rmSync(state.home, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}
