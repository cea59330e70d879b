// The Cypher registry: every statement lives in cypher/{schema,write,read}/NAME.cypher, one per
// file, loaded once by name. Code never builds Cypher from input; it names a file and passes params.
import * as fs from "node:fs";
import * as path from "node:path";
import { fromRoot } from "../paths";

export const STATEMENT_NAMES = [
  "write/find-papers",
  "write/absorb-papers",
  "write/curation-lock",
  "write/find-curations",
  "write/replace-variants",
  "write/delete-paper-facts",
  "write/delete-orphan-entities",
  "write/merge-papers",
  "write/merge-entities",
  "write/merge-introduces",
  "write/merge-uses",
  "write/merge-compares-to",
  "write/merge-evaluated-on",
  "write/merge-builds-on",
  "write/infer-citations",
  "write/settle-papers",
  "write/merge-cites",
  "write/merge-authors",
  "write/merge-categories",
  "write/delete-paper-metadata",
  "write/merge-mentions",
  "write/mark-notable",
  "write/settle-notable",
  "read/stats",
  "read/find-entity",
  "read/compared-in",
  "read/paper-by-id",
  "read/paper-brief",
  "read/papers-recent",
  "read/papers-search",
  "read/paper-entities",
  "read/entity-papers",
  "read/lineage-step",
  "read/entity-variant-ids",
  "read/lineage-up-from-name",
  "read/lineage-down-from-name",
  "read/find-entities",
  "read/suggest-entities",
  "read/suggest-authors",
  "read/lineage-path",
  "read/search",
  "read/search-total",
  "read/filter-entities",
  "read/filter-author",
  "read/papers-connection-entity",
  "read/papers-connection-author",
  "read/papers-connection-text",
  "read/papers-connection-dated",
  "read/papers-connection-all",
  "read/papers-undated",
  "read/entity-papers-page",
  "read/paper-citations",
  "read/paper-metadata",
  "read/curations",
  "read/curations-count",
  "read/curated-facts",
  "read/entity-names",
  "read/paper-related",
  "read/paper-view",
  "read/entity-timeline",
  "read/entity-variants",
  "read/trending",
  "read/trends",
  "write/replace-trends",
  "read/derived-state",
  "read/unkeyed-edges",
  "write/mark-derived",
  "read/hardware-usage",
  "read/schema-state",
  "read/schema-objects",
  "read/await-indexes",
  "mutation/delete-paper",
  "mutation/curation-create",
  "mutation/curation-delete-entity",
  "mutation/curation-delete-fact",
  "mutation/curation-drop-inferred",
  "mutation/curation-entity-mentions",
  "mutation/curation-entity-papers",
  "mutation/curation-fix-mentions",
  "mutation/curation-get",
  "mutation/curation-later-merge",
  "mutation/curation-lock",
  "mutation/curation-mark-fact",
  "mutation/curation-move-edges",
  "mutation/curation-paper",
  "mutation/curation-read-entity",
  "mutation/curation-read-fact",
  "mutation/curation-set-entity",
  "mutation/curation-undone",
  // topics (src/topics), trends (src/derived) and the explorer (src/api/resolvers-visual.ts)
  "read/topic-input-page",
  "read/topic-unassigned-page",
  "read/topic-profiles",
  "read/topic-coverage",
  "read/topics",
  "read/topic-by-id",
  "read/topic-brief",
  "read/topic-papers",
  "read/topic-entities",
  "read/paper-topics",
  "write/delete-topics",
  "write/delete-topic-memberships",
  "write/add-topic-sizes",
  "write/place-entity-topics",
  "write/merge-topics",
  "write/merge-paper-topics",
  "write/set-entity-topics",
  "read/neighbourhood-root-level",
  "read/neighbourhood-names",
  "read/neighbourhood-papers",
  "read/neighbourhood-paper",
  "read/graph-edges",
  "read/export-nodes",
  "read/export-edges",
  // ingest runs, changes, feeds and the folder watcher (src/ingest/record.ts, src/follow, src/watch)
  "write/record-ingest",
  "read/ingests",
  "read/ingested-files",
  "read/papers-since",
  "read/papers-connection-since",
  "read/entity-changes",
  "read/entity-corrections",
  "read/changes",
  // one-off migrations (src/graph/migrations.ts)
  "migrate/applied",
  "migrate/record",
  "migrate/papers-page",
  "migrate/set-listed-on",
  "migrate/alias-key-text",
  "migrate/paper-mentions",
  "migrate/mark-notable",
  "migrate/paper-dated-on",
  "migrate/paper-identifiers",
  "migrate/fact-ids",
  "migrate/lineage-fact-ids",
  "migrate/builds-on-order",
  "migrate/about-order",
  // tests and benchmarks (Db.wipe)
  "write/wipe-relationships",
  "write/wipe-nodes",
] as const;
export type StatementName = (typeof STATEMENT_NAMES)[number];

let cache: ReadonlyMap<StatementName, string> | undefined;

export function statement(name: StatementName): string {
  cache ??= loadAll();
  const text = cache.get(name);
  if (text === undefined) throw new Error(`no Cypher statement named ${name}`);
  return text;
}

/** Every .cypher file under cypher/ except schema/, by its name relative to cypher/ without extension. */
export function cypherFiles(dir = fromRoot("cypher")): string[] {
  const out: string[] = [];
  // mutation/ holds the API's own writes (deletePaper); write/ belongs to the ingest pipeline;
  // migrate/ brings older graphs up to date (src/graph/migrations.ts).
  for (const sub of ["write", "read", "mutation", "migrate"]) {
    const d = path.join(dir, sub);
    if (!fs.existsSync(d)) continue;
    for (const f of fs.readdirSync(d)) if (f.endsWith(".cypher")) out.push(`${sub}/${f.slice(0, -".cypher".length)}`);
  }
  return out.sort();
}

export interface SchemaStatement {
  /** The file name. */
  readonly name: string;
  /** The constraint or index it creates, as SHOW INDEXES names it (a constraint's backing index shares its name). */
  readonly object: string;
  readonly text: string;
}

const SCHEMA_OBJECT = /^CREATE\s+(?:CONSTRAINT|(?:FULLTEXT\s+|RANGE\s+|TEXT\s+|POINT\s+|VECTOR\s+)?INDEX)\s+(\w+)\s+IF\s+NOT\s+EXISTS\b/i;

/** Schema statements (constraints and indexes), applied in file-name order; each names what it creates. */
export function schemaStatements(dir = fromRoot("cypher", "schema")): SchemaStatement[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".cypher"))
    .sort()
    .map((f) => {
      const text = stripComments(fs.readFileSync(path.join(dir, f), "utf8"));
      const object = SCHEMA_OBJECT.exec(text)?.[1];
      if (!object) throw new Error(`cypher/schema/${f} must be one named CREATE CONSTRAINT|INDEX name IF NOT EXISTS`);
      return { name: f, object, text };
    });
}

function loadAll(): Map<StatementName, string> {
  const map = new Map<StatementName, string>();
  for (const name of STATEMENT_NAMES) {
    map.set(name, stripComments(fs.readFileSync(fromRoot("cypher", `${name}.cypher`), "utf8")));
  }
  return map;
}

function stripComments(text: string): string {
  return text
    .split("\n")
    .filter((l) => !l.trim().startsWith("//"))
    .join("\n")
    .trim();
}

export const MAX_DEPTH = 10;

/** Path bounds and lineage depths are integers in 1..MAX_DEPTH; anything else is a RangeError. */
export function checkDepth(maxDepth: number): void {
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > MAX_DEPTH) throw new RangeError(`maxDepth ${maxDepth} is not in 1..${MAX_DEPTH}`);
}

/**
 * A statement whose variable-length bound is the literal *1..10] in its file, with the bound
 * replaced by a validated integer: Cypher cannot take a path bound as a parameter.
 */
export function withMaxDepth(name: StatementName, maxDepth: number): string {
  checkDepth(maxDepth);
  const text = statement(name);
  if (!text.includes("*1..10]")) throw new Error(`statement ${name} has no *1..10 bound to rewrite`);
  return text.replace("*1..10]", `*1..${maxDepth}]`);
}
