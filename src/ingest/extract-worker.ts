// Worker thread body: extracts facts for the papers it is sent. extractFacts is pure, so a worker
// needs nothing but the paper; results go back in the order the papers came.
import { parentPort } from "node:worker_threads";
import type { Paper } from "../domain";
import { extractFacts } from "./extract";
import type { ExtractOutcome } from "./workers";

parentPort?.on("message", (msg: { id: number; papers: Paper[] }) => {
  const outcomes: ExtractOutcome[] = msg.papers.map((paper) => {
    try {
      return { facts: extractFacts(paper) };
    } catch (err) {
      return { error: (err as Error).message ?? String(err) };
    }
  });
  parentPort!.postMessage({ id: msg.id, outcomes });
});
