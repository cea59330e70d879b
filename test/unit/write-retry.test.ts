// The write retry policy's backoff (Db.writeTx): exponential ceilings, capped, with equal jitter.
import { retryDelayMs, WRITE_RETRY } from "../../src/graph/db";

test.each([
  [1, 50, 100],
  [2, 100, 200],
  [3, 200, 400],
  [6, 1600, 3200],
  [7, 2500, 5000],
  [9, 2500, 5000],
])("after failure %i the pause is between %i and %i ms", (attempt, min, max) => {
  expect(retryDelayMs(WRITE_RETRY, attempt, () => 0)).toBe(min);
  expect(retryDelayMs(WRITE_RETRY, attempt, () => 0.999999)).toBe(max);
  const d = retryDelayMs(WRITE_RETRY, attempt);
  expect(d).toBeGreaterThanOrEqual(min);
  expect(d).toBeLessThanOrEqual(max);
});

test("the whole policy waits at most ~21 s before giving up, well inside its time budget", () => {
  let worst = 0;
  for (let a = 1; a < WRITE_RETRY.maxAttempts; a++) worst += retryDelayMs(WRITE_RETRY, a, () => 0.999999);
  expect(worst).toBe(21_300);
  expect(worst).toBeLessThan(WRITE_RETRY.maxRetryTimeMs);
});
