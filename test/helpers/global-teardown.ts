import * as fs from "node:fs";

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__TECHTREE_NEO4J__;
  if (!state?.managed) return;
  await state.managed.stop();
  if (state.home) fs.rmSync(state.home, { recursive: true, force: true });
}
