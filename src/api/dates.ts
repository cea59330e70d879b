// Listing dates as sortable keys: "YYYY-MM-DD", with year 0000 for labels without a year ("Mar 17").
// The read statements compute the same key in Cypher (see cypher/read/papers-connection.cypher).
import { userError } from "./errors";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const ISO = /^(\d{4})-(\d{2})-(\d{2})/;
const LABEL = /^([a-z]{3})[a-z]*\.? (\d{1,2})(?:, (\d{4}))?$/;

/** The date key of a listing date, or null when it is neither an ISO date nor a "Mon D[, YYYY]" label. */
export function dateKey(value: string): string | null {
  const d = value.trim().toLowerCase();
  const iso = ISO.exec(d);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const label = LABEL.exec(d);
  if (!label) return null;
  const month = MONTHS.indexOf(label[1]!);
  if (month < 0) return null;
  return `${label[3] ?? "0000"}-${String(month + 1).padStart(2, "0")}-${label[2]!.padStart(2, "0")}`;
}

/** A date argument from a client: absent, or a date we can read (else BAD_USER_INPUT). */
export function dateArg(value: unknown, argument: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string" || value.length > 40) throw userError(`${argument} must be a date such as 2024-03-17 or "Mar 17"`, { argument });
  const key = dateKey(value);
  if (!key) throw userError(`${argument} "${value}" is not a date; use 2024-03-17 or "Mar 17"`, { argument });
  const [, m, d] = key.split("-").map(Number);
  if (!m || m > 12 || !d || d > 31) throw userError(`${argument} "${value}" is not a calendar date`, { argument });
  return key;
}
