// Atom feeds of what new papers state about followed entities, and of the corrections people make to
// them (src/follow/atom.ts):
//   GET /feed/{technique|model|dataset|hardware}/{name}.atom   one entity, found like technique(name)
//   GET /feed?follow=FlashAttention,vLLM                          several names, any kind
// Each holds the newest FEED_ENTRIES entries about them (papers and corrections), newest first;
// ?since=7d (or a date) keeps only the papers stored, and the corrections made or undone, since then.
// A followed model's or chip's sizes count as it (the feed for Llama 2 has the new papers on Llama-2-7B),
// as in changes, and the feed's subtitle says so; ?includeVariants=false keeps to the entity alone. Reads go through a Reader of the request's own (one read
// transaction with the query timeout, the circuit breaker), closed when the feed is sent; an unknown entity is a 404 with suggestions, a name followed
// before any paper mentions it is simply an empty part of a combined feed.
import { Router, type Request, type Response } from "express";
import type { Config } from "../config";
import { nameKey, nameLookup, type EntityKind } from "../domain";
import type { Db } from "../graph/db";
import { DatabaseUnavailableError, QueryTimeoutError } from "../graph/errors";
import { atomFeed, explorerLink, feedEntries, feedSubtitle } from "../follow/atom";
import { followList, MAX_FOLLOW, parseSince, readFollowed, suggestNames, type ChangedEntity } from "../follow/changes";
import { MAX_NAME } from "./fields/common";
import type { LogSink } from "./logging";
import { Reader } from "./reader";

/** Entries per feed (papers and corrections): what a feed reader shows, newest first. */
export const FEED_ENTRIES = 50;

const KINDS: Readonly<Record<string, EntityKind>> = { technique: "Technique", model: "Model", dataset: "Dataset", hardware: "Hardware" };
const EPOCH = new Date(0);
const ATOM = "application/atom+xml; charset=utf-8";

export function feedRouter(db: Db, config: Config, log: LogSink = () => {}): Router {
  const router = Router();

  const answer = (req: Request, res: Response, work: (reader: Reader) => Promise<string | void>) => {
    const reader = new Reader(db, config.queryTimeoutMs);
    respond(req, res, log, () => work(reader).finally(() => reader.close()));
  };

  router.get("/feed/:kind/:file", (req, res) => answer(req, res, async (reader) => {
    const kind = KINDS[String(req.params.kind).toLowerCase()];
    const file = String(req.params.file);
    if (!kind || !file.endsWith(".atom")) return notFound(res, `feeds are at /feed/{${Object.keys(KINDS).join("|")}}/{name}.atom`);
    const name = file.slice(0, -".atom".length);
    if (!name.trim() || name.length > MAX_NAME) return badRequest(res, `the name must be 1 to ${MAX_NAME} characters`);
    const lookup = nameLookup(name);
    const [hit] = lookup.key ? await reader.read<{ entity: ChangedEntity | null }>("read/find-entity", { ...lookup, kind }) : [];
    if (!hit?.entity) {
      const close = await suggestNames(reader, name, kind);
      return notFound(res, `no ${kind.toLowerCase()} named "${name}"${close.length ? `; did you mean ${close.join(", ")}?` : ""}`);
    }
    const since = sinceParam(req, res);
    if (!since) return;
    const variants = variantsParam(req, res);
    if (variants === null) return;
    const entity = hit.entity;
    const followed = await readFollowed(reader, { follow: [entity.name], since, first: FEED_ENTRIES, includeVariants: variants });
    const base = baseUrl(req);
    return atomFeed(feedEntries(followed).slice(0, FEED_ENTRIES), {
      base, self: `${base}${req.originalUrl}`, id: `urn:techtree:feed:${entity.id}`,
      title: `techtree: ${entity.name}`,
      subtitle: feedSubtitle({ entity: { name: entity.name, kind }, includeVariants: variants }),
      alternate: explorerLink(base, entity.name), now: new Date().toISOString(),
    });
  }));

  router.get("/feed", (req, res) => answer(req, res, async (reader) => {
    const raw = req.query.follow;
    if (typeof raw !== "string" || !followList(raw).length) return badRequest(res, "name what to follow: /feed?follow=FlashAttention,vLLM");
    const names = followList(raw);
    if (names.length > MAX_FOLLOW || names.some((n) => n.length > MAX_NAME)) return badRequest(res, `follow at most ${MAX_FOLLOW} names of at most ${MAX_NAME} characters`);
    const since = sinceParam(req, res);
    if (!since) return;
    const variants = variantsParam(req, res);
    if (variants === null) return;
    const followed = await readFollowed(reader, { follow: names, since, first: FEED_ENTRIES, includeVariants: variants });
    const known = followed.filter((f) => f.entity).map((f) => f.entity!.name);
    const unknown = followed.filter((f) => !f.entity).map((f) => f.name);
    const base = baseUrl(req);
    return atomFeed(feedEntries(followed).slice(0, FEED_ENTRIES), {
      base, self: `${base}${req.originalUrl}`,
      id: `urn:techtree:feed:follow:${[...new Set(names.map(nameKey))].sort().join(",")}`,
      title: `techtree: ${names.join(", ")}`,
      subtitle: feedSubtitle({ known, unknown, includeVariants: variants }),
      alternate: explorerLink(base, known[0] ?? names[0]!), now: new Date().toISOString(),
    });
  }));

  return router;
}

/** Runs a feed handler: a string is the feed; Neo4j trouble is a 503, anything else a logged 500. */
function respond(req: Request, res: Response, log: LogSink, work: () => Promise<string | void>): void {
  work().then(
    (body) => {
      if (typeof body !== "string") return;
      // Express answers a matching If-None-Match with 304 from the ETag it computes here.
      res.set("cache-control", "public, max-age=60").type(ATOM).send(body);
    },
    (err: unknown) => {
      const unavailable = err instanceof DatabaseUnavailableError || err instanceof QueryTimeoutError;
      log(JSON.stringify({ time: new Date().toISOString(), kind: "feed", path: req.path, outcome: "error", status: unavailable ? 503 : 500, message: (err as Error).message }));
      res.status(unavailable ? 503 : 500).type("text/plain").send(unavailable ? "the graph database is unavailable; try again shortly\n" : "internal server error\n");
    },
  );
}

/** ?since= as a span (7d) or a moment; absent means from the start. Null (after a 400) when unreadable. */
function sinceParam(req: Request, res: Response): Date | null {
  const raw = req.query.since;
  if (raw === undefined) return EPOCH;
  const since = typeof raw === "string" ? parseSince(raw, new Date()) : null;
  if (!since) badRequest(res, "since is a span back from now (30m, 12h, 7d, 2w) or a moment (2026-12-01, 2026-12-01T09:00:00Z)");
  return since;
}

/** ?includeVariants=true|false (default true). Null (after a 400) when it is neither. */
function variantsParam(req: Request, res: Response): boolean | null {
  const raw = req.query.includeVariants;
  if (raw === undefined || raw === "true") return true;
  if (raw === "false") return false;
  badRequest(res, "includeVariants is true (a followed name's sizes count as it, the default) or false");
  return null;
}

function notFound(res: Response, message: string): void {
  res.status(404).type("text/plain").send(message + "\n");
}

function badRequest(res: Response, message: string): void {
  res.status(400).type("text/plain").send(message + "\n");
}

/** The service's own origin as the client reached it, for absolute links in the feed. */
function baseUrl(req: Request): string {
  return `${req.protocol}://${req.get("host") ?? "localhost"}`;
}
