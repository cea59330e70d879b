// The custom scalars: DateTime (an instant) and Date (a calendar day or a year-less listing label).
// Both refuse what they cannot read with a message that shows the accepted forms.
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from "graphql";
import { isCalendarDay, momentOf } from "../domain";
import { clientDayKey } from "./dates";
import { ErrorCode } from "./errors";

const bad = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** An instant from client text: RFC 3339 with a zone, or a day (its start, UTC). */
export function parseInstant(value: unknown): Date {
  if (typeof value !== "string" || value.length > 40 || !(DAY.test(value) || INSTANT.test(value))) {
    throw bad(`DateTime must be an ISO 8601 instant with a time zone ("2026-12-05T14:00:00Z") or a day ("2026-12-05"), not ${JSON.stringify(value)}`);
  }
  const d = momentOf(value);
  if (!d) throw bad(`DateTime ${JSON.stringify(value)} is not a real moment`);
  return d;
}

/** A day from client text: "YYYY-MM-DD" (year 0000 for a year-less label, as Paper.listedOn stores them). */
export function parseDay(value: unknown): string {
  if (typeof value !== "string" || value.length > 40) throw bad(`Date must be a day such as 2024-03-17 or "Mar 17", not ${JSON.stringify(value)}`);
  const key = clientDayKey(value);
  if (!key) throw bad(`Date "${value}" is not a date; use 2024-03-17 or "Mar 17"`);
  if (!isCalendarDay(key)) throw bad(`Date "${value}" is not a calendar day`);
  return key;
}

function literal(node: ValueNode, parse: (v: string) => unknown): unknown {
  if (node.kind !== Kind.STRING) throw bad("dates are written as strings");
  return parse(node.value);
}

export const DateTimeScalar = new GraphQLScalarType({
  name: "DateTime",
  serialize: (v) => (v instanceof Date ? v : new Date(String(v))).toISOString(),
  parseValue: parseInstant,
  parseLiteral: (node) => literal(node, parseInstant),
});

export const DateScalar = new GraphQLScalarType({
  name: "Date",
  serialize: (v) => String(v).slice(0, 10),
  parseValue: parseDay,
  parseLiteral: (node) => literal(node, parseDay),
});

export const scalarResolvers = { DateTime: DateTimeScalar, Date: DateScalar };
