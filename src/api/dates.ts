// Date arguments from clients, checked against the listing-date rules of src/domain/dates.ts.
import { dateKey, isCalendarDay } from "../domain";
import { userError } from "./errors";

export { dateKey };

/**
 * The day a client wrote ("YYYY-MM-DD", year 0000 for a label), or null when the text is no date.
 * dateKey reads a listing date by its leading ISO day, since sources write times after it; a client's
 * day is the whole text, so "2020-01-01xyz" or an instant ("2020-01-01T23:00:00-05:00", another day
 * in UTC) is refused rather than cut to its first ten characters.
 */
export function clientDayKey(value: string): string | null {
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}./.test(text)) return null;
  return dateKey(text);
}

/** A date argument from a client: absent, or a calendar day we can read as "YYYY-MM-DD" (else BAD_USER_INPUT). */
export function dateArg(value: unknown, argument: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string" || value.length > 40) throw userError(`${argument} must be a date such as 2024-03-17 or "Mar 17"`, { argument });
  const key = clientDayKey(value);
  if (!key) throw userError(`${argument} "${value}" is not a date; use 2024-03-17 or "Mar 17"`, { argument });
  if (!isCalendarDay(key)) throw userError(`${argument} "${value}" is not a calendar date`, { argument });
  return key;
}

/**
 * A `since: Date` argument as statement parameters: `since` an ISO day compared with Paper.datedOn
 * (the listing day, else the day techtree stored the paper), or, for a label without a year
 * ("Mar 17"), `sinceDay` (month * 100 + day) compared on month and day only, as listing labels are.
 */
export interface SinceParams {
  since: string | null;
  sinceDay: number | null;
}

export function sinceArg(value: unknown): SinceParams {
  const key = dateArg(value, "since");
  if (key === null) return { since: null, sinceDay: null };
  return key.startsWith("0000") ? { since: null, sinceDay: Number(key.slice(5, 7)) * 100 + Number(key.slice(8, 10)) } : { since: key, sinceDay: null };
}

/** Whether a paper dated `datedOn` ("YYYY-MM-DD", as Paper.datedOn reads back) is on or after the `since` bound. */
export function datedSince(datedOn: unknown, s: SinceParams): boolean {
  if (typeof datedOn !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(datedOn)) return false;
  if (s.since !== null) return datedOn >= s.since;
  if (s.sinceDay !== null) return Number(datedOn.slice(5, 7)) * 100 + Number(datedOn.slice(8, 10)) >= s.sinceDay;
  return true;
}

/** Whether the arguments ask for a `since` bound at all. */
export const hasSince = (s: SinceParams) => s.since !== null || s.sinceDay !== null;
