// A page is a source of the papers it lists, and a source is re-read by replacing what it said
// before. Two different files with the same name in different folders (a/2024-03-01.txt and
// b/2024-03-01.txt, as daily folders of two feeds) are two pages: neither replaces the other, and
// each read again is unchanged. The same file reached by another path is still the same page.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Db } from "../../src/graph/db";
import { ingestFiles } from "../../src/ingest/ingest";
import { testDb, wipe } from "../helpers/neo4j";

let db: Db;
let dir: string;

beforeAll(async () => {
  db = testDb();
  await wipe(db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "techtree-page-sources-"));
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const TITLE = "PageNet: One Paper Listed By Two Daily Pages";

function page(folder: string, abstract: string): string {
  fs.mkdirSync(path.join(dir, folder), { recursive: true });
  const file = path.join(dir, folder, "2024-03-01.txt");
  fs.writeFileSync(file, `2024-03-01\n\n${TITLE}\n\n${abstract}\n`);
  return file;
}

async function sources(): Promise<string[]> {
  const rows = await db.readTx(async (tx) => (await tx.run("MATCH (p:Paper {title: $t}) RETURN p.sources AS s", { t: TITLE })).records);
  expect(rows).toHaveLength(1);
  return rows[0]!.get("s") as string[];
}

const counts = (r: { created: number; updated: number; unchanged: number }) => ({ created: r.created, updated: r.updated, unchanged: r.unchanged });

test("two pages with the same file name in different folders are two sources; each read again is unchanged", async () => {
  const a = page("a", "We propose PageNet, which builds on LoRA.");
  const b = page("b", "We propose PageNet, a method that builds on LoRA and outperforms QLoRA on A100 GPUs.");
  expect(counts(await ingestFiles(db, [a]))).toEqual({ created: 1, updated: 0, unchanged: 0 });
  expect(counts(await ingestFiles(db, [b]))).toEqual({ created: 0, updated: 1, unchanged: 0 });
  expect(await sources()).toHaveLength(2);
  // Neither replaced the other: each page read again says what it said.
  expect(counts(await ingestFiles(db, [a]))).toEqual({ created: 0, updated: 0, unchanged: 1 });
  expect(counts(await ingestFiles(db, [b]))).toEqual({ created: 0, updated: 0, unchanged: 1 });
  // The same file by a relative path is the same page.
  expect(counts(await ingestFiles(db, [path.relative(process.cwd(), a)]))).toEqual({ created: 0, updated: 0, unchanged: 1 });
  expect(await sources()).toHaveLength(2);
});
