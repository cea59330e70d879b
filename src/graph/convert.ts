// Neo4j values to plain JS at the boundary: Integers become numbers, nodes and relationships
// become their property maps, temporal values become ISO strings (a DateTime as JavaScript's own
// toISOString, "2026-12-05T14:03:07.120Z", so clients can compare and parse it as is).
import neo4j, { isInt, type Integer, type Record as Neo4jRecord } from "neo4j-driver";

export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

export function toPlain(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  // Most values are strings and numbers: answer them before the six type tests below, which every
  // value of every row used to pass through (3 % of the API's CPU on the explorer's view).
  if (typeof value !== "object") return typeof value === "bigint" ? Number(value) : (value as Plain);
  if (Array.isArray(value)) return value.map(toPlain);
  // Maps are plain objects; the driver's own values (integers, nodes, temporal values) are class
  // instances. Answering maps before the five type tests below saves them for every map of a row,
  // and a view's rows are mostly maps (1-2 % of the API's CPU on the explorer's view).
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto === Object.prototype || proto === null) return plainMap(value as object);
  if (isInt(value)) return (value as Integer).toNumber();
  if (neo4j.isNode(value as never) || neo4j.isRelationship(value as never)) {
    return toPlain((value as { properties: unknown }).properties);
  }
  if (neo4j.isDateTime(value as never)) return (value as { toStandardDate(): Date }).toStandardDate().toISOString();
  if (neo4j.isDate(value as never) || neo4j.isLocalDateTime(value as never)) {
    return String(value);
  }
  return plainMap(value as object);
}

function plainMap(value: object): Plain {
  const out: { [key: string]: Plain } = {};
  for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
  return out;
}

export function recordToObject<T>(record: Neo4jRecord): T {
  const out: { [key: string]: Plain } = {};
  for (const key of record.keys) out[String(key)] = toPlain(record.get(key));
  return out as T;
}
