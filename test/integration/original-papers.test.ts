// A real paper that introduces a well-known method (read at test time from the annotated train set
// in ../shared/gold/train, never copied here) is stored as INTRODUCES of that method, and the
// method never BUILDS_ON itself: the known-name, original-paper class of mistakes.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Db } from "../../src/graph/db";
import { ingestFiles } from "../../src/ingest/ingest";
import { defaultPaths } from "../../src/ingest/extract/train/data";
import { testDb, wipe } from "../helpers/neo4j";

const papersFile = path.join(defaultPaths(path.join(__dirname, "../..")).goldDir, "train/papers.txt");
const ORIGINALS: ReadonlyArray<readonly [string, string]> = [
  ["Orca: A Distributed Serving System", "orca"],
  ["LoRA: Low-Rank Adaptation of Large Language Models", "lora"],
  ["GQA: Training Generalized Multi-Query Transformer Models", "groupedqueryattention"],
  ["BitNet: Scaling 1-bit Transformers", "bitnet"],
];
const run = fs.existsSync(papersFile) ? describe : describe.skip;

let db: Db;

run("original papers of known methods", () => {
  beforeAll(async () => {
    db = testDb();
    await wipe(db);
    const blocks = fs.readFileSync(papersFile, "utf8").split(/\n\s*\n/).map((b) => b.trim());
    const pages: string[] = [];
    for (const [title] of ORIGINALS) {
      const i = blocks.findIndex((b) => b.startsWith(title));
      if (i < 0) throw new Error(`${papersFile}: no paper titled "${title}"`);
      pages.push(`${blocks[i]}\n\n${blocks[i + 1]}`);
    }
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "techtree-originals-")), "originals.txt");
    fs.writeFileSync(file, pages.join("\n\n") + "\n");
    await ingestFiles(db, [file]);
  });

  afterAll(async () => {
    await db?.close();
  });

  test.each(ORIGINALS)("%s… INTRODUCES its method and the method builds on nothing of its own name", async (title, key) => {
    const session = db.driver.session({ database: db.database });
    try {
      const res = await session.run(
        `MATCH (p:Paper) WHERE p.title STARTS WITH $title
         OPTIONAL MATCH (p)-[:INTRODUCES]->(e:Entity)
         WITH p, collect(e.key) AS introduced
         OPTIONAL MATCH (x:Entity {key: $key})-[b:BUILDS_ON]->(x)
         WITH p, introduced, count(b) AS selfLoops
         OPTIONAL MATCH (p)-[u:USES {fact: 'builds_on'}]->(:Entity {key: $key})
         RETURN introduced, selfLoops, count(u) AS usesOwn`,
        { title, key },
      );
      const rows = res.records.map((r) => ({ introduced: r.get("introduced") as string[], selfLoops: r.get("selfLoops").toNumber(), usesOwn: r.get("usesOwn").toNumber() }));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.introduced).toContain(key);
    expect(rows[0]!.selfLoops).toBe(0);
    expect(rows[0]!.usesOwn).toBe(0);
    } finally {
      await session.close();
    }
  });
});
