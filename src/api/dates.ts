// Date arguments from clients, checked against the listing-date rules of src/domain/dates.ts.
import { dateKey, isCalendarDay } from "../domain";
import { userError } from "./errors";

export { dateKey };

/** A date argument from a client: absent, or a calendar day we can read as "YYYY-MM-DD" (else BAD_USER_INPUT). */
export function dateArg(value: unknown, argument: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string" || value.length > 40) throw userError(`${argument} must be a date such as 2024-03-17 or "Mar 17"`, { argument });
  const key = dateKey(value);
  if (!key) throw userError(`${argument} "${value}" is not a date; use 2024-03-17 or "Mar 17"`, { argument });
  if (!isCalendarDay(key)) throw userError(`${argument} "${value}" is not a calendar date`, { argument });
  return key;
}
