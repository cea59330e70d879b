// One-off migrations: bring a graph written by an older techtree up to what the read statements
// expect (derived properties and edges the write path now keeps). Each runs once per database and
// is recorded on its (:TechtreeMeta {id: 'graph'}) node; on a database that holds nothing yet they
// are recorded without running, as they would find nothing to do.
import { listingDay } from "../domain";
import type { Db } from "./db";
import type { StatementName } from "./statements";

interface Migration {
  readonly name: string;
  run(db: Db): Promise<void>;
}

const PAGE = 5_000;

export const MIGRATIONS: readonly Migration[] = [
  {
    // Paper.listedOn: the listing date as a Neo4j date. The parsing rules live in TypeScript
    // (listingDay), so the backfill reads pages of papers and writes the days back.
    name: "paper-listed-on",
    async run(db) {
      for (let after = ""; ;) {
        const page = await db.read<{ id: string; listingDate: string | null }>("migrate/papers-page", { after, limit: PAGE });
        if (page.length === 0) return;
        const rows = page.map((p) => ({ id: p.id, day: listingDay(p.listingDate) })).filter((r) => r.day !== null);
        if (rows.length) await db.write("migrate/set-listed-on", { rows });
        after = page[page.length - 1]!.id;
      }
    },
  },
  { name: "entity-alias-key-text", run: (db) => db.autoCommit("migrate/alias-key-text") },
  { name: "paper-mentions", run: (db) => db.autoCommit("migrate/paper-mentions") },
  { name: "mark-notable", run: (db) => db.autoCommit("migrate/mark-notable") },
  { name: "paper-dated-on", run: (db) => db.autoCommit("migrate/paper-dated-on") },
  { name: "paper-identifiers", run: (db) => db.autoCommit("migrate/paper-identifiers") },
  { name: "fact-ids", run: async (db) => { await db.autoCommit("migrate/fact-ids"); await db.autoCommit("migrate/lineage-fact-ids"); } },
  { name: "builds-on-order", run: (db) => db.autoCommit("migrate/builds-on-order") },
  { name: "about-order", run: (db) => db.autoCommit("migrate/about-order") },
];

/**
 * Runs the migrations this database has not had yet, in order, recording each when it is done, and
 * returns the names of those that ran. On a database that holds nothing yet none runs (each is only
 * recorded), so none is returned or logged; one that ran is logged when it took a second or more.
 */
export async function migrate(db: Db, log: (line: string) => void = () => {}): Promise<string[]> {
  const [row] = await db.read<{ applied: string[]; empty: boolean }>("migrate/applied");
  const applied = new Set(row?.applied ?? []);
  // A newer techtree migrated this graph: what this one writes (topics' ABOUT keys, lineage order,
  // fact ids...) would be in the old shape, which the newer one's reads, trusting its migration,
  // no longer see. Nothing is written here; the newer techtree, or a graph of its own, is the way on.
  const known = new Set(MIGRATIONS.map((m) => m.name));
  const newer = [...applied].filter((name) => !known.has(name));
  if (newer.length) {
    throw new Error(
      `this graph was brought up to date by a newer techtree (migration${newer.length > 1 ? "s" : ""} ${newer.join(", ")}, unknown to this one); ` +
      "writing it with this older techtree would leave data in a shape the newer one no longer reads. " +
      "Use the newer techtree with this graph, or give this one a graph of its own (another TECHTREE_HOME, or NEO4J_URI)",
    );
  }
  const ran: string[] = [];
  for (const m of MIGRATIONS) {
    if (applied.has(m.name)) continue;
    const started = Date.now();
    const runs = !row?.empty;
    if (runs) {
      await m.run(db);
      ran.push(m.name);
    }
    await db.write("migrate/record" satisfies StatementName, { name: m.name });
    const secs = (Date.now() - started) / 1000;
    if (runs && secs >= 1) log(`migrated the graph: ${m.name} (${secs.toFixed(1)}s)`);
  }
  return ran;
}
